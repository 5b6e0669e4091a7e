import type { SynthSeries } from './universe.js';

/** How one synthetic series behaves during a phase of a scenario. */
export type Behaviour =
  /** A counter increasing at `rate` per second. */
  | { kind: 'counter'; rate: number }
  /** A gauge holding `level`. */
  | { kind: 'gauge'; level: number }
  /** A timestamp gauge: `tracking` is set to now at every scrape, `frozen` stopped being set. */
  | { kind: 'timestamp'; mode: 'tracking' | 'frozen' }
  /** A histogram observing `rate` values per second, each equal to `value`. */
  | { kind: 'histogram'; rate: number; value: number }
  /** A histogram observing a mix: each part's `rate` values per second equal to its `value`. */
  | { kind: 'histogramMix'; parts: readonly { rate: number; value: number }[] }
  /** The series is not scraped at all (target gone, metric removed): for absent() alerts. */
  | { kind: 'absent' };

/** A stretch of time [startMs, endMs) during which every series keeps one behaviour. */
export interface Phase {
  startMs: number;
  endMs: number;
  behaviours: readonly Behaviour[];
}

/** A synthetic input series with its samples at t = i × interval. */
export interface SampledSeries {
  labels: Record<string, string>;
  /** null: no sample at that step; 'stale': the staleness marker Prometheus writes when a series disappears. */
  values: (number | null | 'stale')[];
}

function phaseAt(phases: readonly Phase[], t: number): Phase {
  return phases.find((p) => t >= p.startMs && t < p.endMs) ?? phases[phases.length - 1]!;
}

/**
 * Turns behaviours into samples. Counters accumulate by repeated addition of the per-sample
 * increment, the way promtool expands `a+bxn`, so the values written and the values promtool
 * loads are the same floats.
 */
export function sampleSeries(universe: readonly SynthSeries[], phases: readonly Phase[], intervalMs: number, untilMs: number): SampledSeries[] {
  const steps = Math.floor(untilMs / intervalMs);
  const dt = intervalMs / 1000;
  const out: SampledSeries[] = [];
  universe.forEach((s, idx) => {
    const behaviourAt = (i: number) => phaseAt(phases, i * intervalMs).behaviours[idx]!;
    // A series that stops being scraped gets a staleness marker, then nothing.
    const goneAt = (i: number): 'stale' | null | undefined => {
      if (behaviourAt(i).kind !== 'absent') return undefined;
      return i > 0 && behaviourAt(i - 1).kind !== 'absent' ? 'stale' : null;
    };
    if (s.kind === 'histogram') {
      const bounds = [...(s.buckets ?? []).map(String), '+Inf'];
      const limits = [...(s.buckets ?? []), Infinity];
      const bucketValues = limits.map(() => [] as SampledSeries['values']);
      const count: SampledSeries['values'] = [];
      const sum: SampledSeries['values'] = [];
      let c = 0;
      let total = 0;
      const acc = limits.map(() => 0);
      for (let i = 0; i <= steps; i++) {
        const b = behaviourAt(i);
        const parts = b.kind === 'histogram' ? [b] : b.kind === 'histogramMix' ? b.parts : [];
        if (i > 0) {
          for (const part of parts) {
            const n = part.rate * dt;
            limits.forEach((le, j) => {
              if (part.value <= le) acc[j] = acc[j]! + n;
            });
            c += n;
            total += n * part.value;
          }
        }
        const gone = goneAt(i);
        const value = (x: number) => (gone === undefined ? x : gone);
        limits.forEach((_, j) => bucketValues[j]!.push(value(acc[j]!)));
        count.push(value(c));
        sum.push(value(total));
      }
      bounds.forEach((le, j) => out.push({ labels: { __name__: `${s.metric}_bucket`, ...s.labels, le }, values: bucketValues[j]! }));
      out.push({ labels: { __name__: `${s.metric}_count`, ...s.labels }, values: count });
      out.push({ labels: { __name__: `${s.metric}_sum`, ...s.labels }, values: sum });
      return;
    }
    const values: SampledSeries['values'] = [];
    let v = 0;
    for (let i = 0; i <= steps; i++) {
      const b = behaviourAt(i);
      if (b.kind === 'counter') {
        if (i > 0) v += b.rate * dt;
      } else if (b.kind === 'gauge') v = b.level;
      else if (b.kind === 'timestamp' && b.mode === 'tracking') v = (i * intervalMs) / 1000;
      const gone = goneAt(i);
      values.push(gone === undefined ? v : gone);
    }
    out.push({ labels: { __name__: s.metric, ...s.labels }, values });
  });
  return out;
}

/** The behaviour a series has when all is well: traffic flowing, gauges at 1, timestamps fresh. */
export function healthyBehaviour(s: SynthSeries): Behaviour {
  if (s.timestamp) return { kind: 'timestamp', mode: 'tracking' };
  if (s.kind === 'counter') return { kind: 'counter', rate: 1 };
  if (s.kind === 'histogram') return { kind: 'histogram', rate: 1, value: s.buckets?.[0] ?? 0 };
  return { kind: 'gauge', level: s.states?.[0] ?? 1 };
}

/** The "off" variant of a series: no traffic, gauge at zero. */
export function zeroBehaviour(s: SynthSeries): Behaviour {
  if (s.kind === 'counter') return { kind: 'counter', rate: 0 };
  if (s.kind === 'histogram') return { kind: 'histogram', rate: 0, value: s.buckets?.[0] ?? 0 };
  return { kind: 'gauge', level: 0 };
}
