/**
 * CPU accounting for the end-to-end phase (Linux /proc; elsewhere it reports nothing):
 * which processes of the local server (wrangler's Node, workerd) and the benchmark
 * client itself used how much CPU during a load window. On a small machine the client
 * and the server share the cores, so this says who the bottleneck was.
 */
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism as cpus } from "node:os";

const TICKS_PER_SEC = 100; // USER_HZ on Linux

interface ProcInfo {
  pid: number;
  ppid: number;
  name: string;
  cpuTicks: number;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // pid (comm) state ppid ... utime(14) stime(15)
    const close = stat.lastIndexOf(")");
    const name = stat.slice(stat.indexOf("(") + 1, close);
    const f = stat.slice(close + 2).split(" ");
    return { pid, ppid: Number(f[1]), name, cpuTicks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "latin1").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** Processes whose command line contains `marker`, plus all their descendants, and this process. */
function tree(marker: string): ProcInfo[] {
  let pids: number[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
  const all = pids.map(readProc).filter((p): p is ProcInfo => p !== null);
  const children = new Map<number, ProcInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const roots = all.filter((p) => p.pid !== process.pid && cmdline(p.pid).includes(marker));
  const out = new Map<number, ProcInfo>();
  const visit = (p: ProcInfo) => {
    if (out.has(p.pid)) return;
    out.set(p.pid, p);
    for (const c of children.get(p.pid) ?? []) visit(c);
  };
  roots.forEach(visit);
  // wrangler dev runs two workerd processes: a proxy that owns the public port and
  // forwards each request, and the runtime of the app itself (the one with an inspector).
  for (const p of out.values()) {
    if (p.name !== "workerd") continue;
    const args = cmdline(p.pid);
    if (args.includes("--inspector-addr")) p.name = "workerd app";
    else if (/entry=127\.0\.0\.1:[1-9]/.test(args)) p.name = "workerd dev-proxy";
  }
  const self = readProc(process.pid);
  if (self) out.set(self.pid, { ...self, name: "bench client" });
  return [...out.values()];
}

export interface CpuWindow {
  /** "workerd 1.62, node 0.08, bench client 0.21, whole machine 1.95 of 2" (cores used on average). */
  stop(): string;
}

/** Busy ticks of the whole machine (all CPUs), from /proc/stat. */
function machineBusy(): number {
  try {
    const f = readFileSync("/proc/stat", "latin1").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return f.reduce((a, b) => a + b, 0) - f[3] - (f[4] ?? 0); // minus idle and iowait
  } catch {
    return NaN;
  }
}

export function cpuWindow(marker: string): CpuWindow {
  const before = new Map(tree(marker).map((p) => [p.pid, p.cpuTicks]));
  const busy0 = machineBusy();
  const t0 = performance.now();
  return {
    stop() {
      const secs = (performance.now() - t0) / 1000;
      const machine = (machineBusy() - busy0) / TICKS_PER_SEC / secs;
      const byName = new Map<string, number>();
      for (const p of tree(marker)) {
        const used = p.cpuTicks - (before.get(p.pid) ?? 0);
        byName.set(p.name, (byName.get(p.name) ?? 0) + used / TICKS_PER_SEC / secs);
      }
      const parts = [...byName]
        .filter(([, cores]) => cores >= 0.01)
        .sort((a, b) => b[1] - a[1])
        .map(([name, cores]) => `${name} ${cores.toFixed(2)}`);
      if (Number.isFinite(machine)) parts.push(`whole machine ${machine.toFixed(2)} of ${cpus()}`);
      return parts.join(", ");
    },
  };
}
