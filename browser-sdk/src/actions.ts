/** Clicks, named by what a person would call the element (see lib/target.ts). */
import { targetName } from "./lib/target";
import type { Emit } from "./types";

export function collectClicks(emit: Emit): void {
  addEventListener(
    "click",
    (e) => {
      const target = targetName(e.target);
      if (target) emit({ type: "action", name: "click", target });
    },
    { capture: true, passive: true },
  );
}
