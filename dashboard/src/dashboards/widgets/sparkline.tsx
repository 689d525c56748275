/** A small SVG line of a series' points (gaps break the line), under a stat's value. */
export function Sparkline(props: { values: (number | null)[]; color: string; width: number; height: number }) {
  const xs = props.values;
  const finite = xs.filter((v): v is number => v !== null);
  if (finite.length < 2) return null;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const x = (i: number) => (xs.length > 1 ? (i / (xs.length - 1)) * props.width : 0);
  const y = (v: number) => props.height - 2 - (hi > lo ? ((v - lo) / (hi - lo)) * (props.height - 4) : (props.height - 4) / 2);
  let d = "";
  let pen = false;
  xs.forEach((v, i) => {
    if (v === null) return void (pen = false);
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
    pen = true;
  });
  return (
    <svg class="sparkline" width={props.width} height={props.height} viewBox={`0 0 ${props.width} ${props.height}`} aria-hidden="true">
      <path d={`${d}`} fill="none" stroke={props.color} stroke-width="1.5" />
    </svg>
  );
}
