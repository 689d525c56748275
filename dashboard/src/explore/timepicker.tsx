/** The time range picker: quick ranges, relative or absolute from/to, UTC or local time. */
import { useState } from "preact/hooks";
import { describeRange, QUICK_RANGES, resolveBound, type RangeText } from "../time";

export function TimePicker(props: { range: RangeText; utc: boolean; onChange(r: RangeText): void; onZone(utc: boolean): void }) {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(props.range.from);
  const [to, setTo] = useState(props.range.to);
  const now = Date.now();
  const fromMs = resolveBound(from, now);
  const toMs = resolveBound(to, now);
  const problem = fromMs === null ? "From is not a time" : toMs === null ? "To is not a time" : fromMs >= toMs ? "From must be before To" : null;
  const apply = (r: RangeText) => {
    props.onChange(r);
    setOpen(false);
  };
  return (
    <div class="timepicker">
      <button class="range-button" aria-haspopup="dialog" onClick={() => (setFrom(props.range.from), setTo(props.range.to), setOpen(!open))}>
        {describeRange(props.range)} ▾
      </button>
      {open && (
        <div class="popover" role="dialog" aria-label="Time range">
          <div class="quick">
            {QUICK_RANGES.map((q) => (
              <button class="link" onClick={() => apply({ from: q.from, to: "now" })}>
                {q.label}
              </button>
            ))}
          </div>
          <div class="custom">
            <label>
              From <input aria-label="From" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} placeholder="now-6h or 2026-01-01T00:00:00Z" />
            </label>
            <label>
              To <input aria-label="To" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} placeholder="now" />
            </label>
            <label class="zone">
              <input type="checkbox" checked={props.utc} onChange={(e) => props.onZone((e.target as HTMLInputElement).checked)} /> Show times in UTC
            </label>
            {problem && <p class="error">{problem}</p>}
            <button disabled={problem !== null} onClick={() => apply({ from: from.trim(), to: to.trim() })}>
              Apply time range
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
