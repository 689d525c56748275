/** State badges shared by the rule list, the rule page and the history. */
import { STATE_ORDER } from "./rule-model";

export function StateBadge({ state }: { state: string }) {
  return <span class={`badge state-${state}`}>{state}</span>;
}

/** Counts per state, worst first; "no series yet" when there are none. */
export function StateCounts({ counts }: { counts: Record<string, number> }) {
  const shown = STATE_ORDER.filter((s) => (counts[s] ?? 0) > 0);
  if (shown.length === 0) return <span class="muted">not evaluated yet</span>;
  return (
    <span class="badges">
      {shown.map((s) => (
        <span class={`badge state-${s}`} title={`${counts[s]} series ${s}`}>
          {s} {counts[s]}
        </span>
      ))}
    </span>
  );
}
