/** One stage of a run: when it started and ended, in milliseconds since the run began. */
export interface Span {
  stage: string;
  startMs: number;
  endMs: number;
}

/**
 * Where a generate spent its time (`lookout generate --timings`). Stages can overlap: the type
 * check and the test synthesis run on threads of their own.
 */
export class Timings {
  readonly spans: Span[] = [];
  private readonly origin = performance.now();

  /** Runs `work` as the stage `stage`, recording when it started and ended. */
  async time<T>(stage: string, work: () => T | Promise<T>): Promise<T> {
    const startMs = performance.now() - this.origin;
    try {
      return await work();
    } finally {
      this.spans.push({ stage, startMs, endMs: performance.now() - this.origin });
    }
  }
}

/** The spans as lines: start → end (duration) stage, in the order they started. */
export function formatTimings(spans: readonly Span[]): string[] {
  const s = (ms: number) => (ms / 1000).toFixed(2).padStart(6);
  return [...spans].sort((a, b) => a.startMs - b.startMs).map((x) => `${s(x.startMs)} → ${s(x.endMs)} s  (${s(x.endMs - x.startMs)} s)  ${x.stage}`);
}
