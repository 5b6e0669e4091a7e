import { cpuMsOf, machineBusyMs } from './processes.js';
import type { ProcessCpu } from './report.js';

export interface Measured {
  readonly name: string;
  readonly pid: number;
}

/** CPU milliseconds each process used over a stretch of time, and the wall time it lasted. */
export interface CpuSpan {
  readonly wallMs: number;
  readonly cpuMs: Record<string, number>;
}

/** What the machine was busy with besides the measured processes: other programs, and kernel work (loopback TCP's softirqs) charged to no process. */
export const REST = 'rest of machine';

/** Starts a span over `processes`; calling the result ends it. Its `cpuMs` has an entry per process and one for `REST`. */
export function cpuSpan(processes: readonly Measured[]): () => CpuSpan {
  const read = (): Record<string, number> => ({ ...Object.fromEntries(processes.map((p) => [p.name, cpuMsOf(p.pid)])), [REST]: machineBusyMs() });
  const before = read();
  const started = performance.now();
  return () => {
    const after = read();
    const cpuMs: Record<string, number> = Object.fromEntries(processes.map((p) => [p.name, after[p.name]! - before[p.name]!]));
    const ours = Object.values(cpuMs).reduce((a, b) => a + b, 0);
    cpuMs[REST] = Math.max(0, after[REST]! - before[REST]! - ours);
    return { wallMs: performance.now() - started, cpuMs };
  };
}

/** Adds spans up: several rounds of one target make one figure. */
export function addSpans(a: CpuSpan | undefined, b: CpuSpan): CpuSpan {
  if (!a) return b;
  return { wallMs: a.wallMs + b.wallMs, cpuMs: Object.fromEntries(Object.entries(b.cpuMs).map(([k, v]) => [k, v + (a.cpuMs[k] ?? 0)])) };
}

export function perRequest(span: CpuSpan, requests: number): ProcessCpu[] {
  return Object.entries(span.cpuMs).map(([process, cpuMs]) => ({ process, cores: cpuMs / span.wallMs, usPerRequest: (cpuMs * 1000) / Math.max(1, requests) }));
}
