import { EvaluationError } from './errors.js';
import { labelsKey, type Labels } from './labelSet.js';
import type { MemoryStorage } from './storage.js';

/** One element of an instant vector. `ts` is the raw sample's own time, for timestamp(). */
export interface Sample {
  labels: Labels;
  value: number;
  ts?: number;
}

/**
 * The samples of a range, oldest first: times (ms) `t[i]` and values `v[i]` for
 * start <= i < end. A range selector hands out the storage's own arrays this way, read
 * before anything is appended again; an object per sample was most of what it allocated.
 */
export interface Points {
  readonly t: readonly number[];
  readonly v: readonly number[];
  readonly start: number;
  readonly end: number;
}

/** One series of a range vector. */
export interface Series extends Points {
  labels: Labels;
}

export type Value =
  | { kind: 'vector'; samples: Sample[] }
  | { kind: 'scalar'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'matrix'; series: Series[] };

/** What every node evaluation needs besides the expression. */
export interface EvalContext {
  storage: MemoryStorage;
  lookbackMs: number;
  /** Step of subqueries written without one (`[30m:]`); promtool uses the evaluation interval. */
  subqueryStepMs: number;
  /** Time of the whole query, which `@ start()` and `@ end()` refer to. */
  queryTimeMs: number;
}

export function vector(samples: Sample[]): Value {
  return { kind: 'vector', samples };
}

export function scalar(value: number): Value {
  return { kind: 'scalar', value };
}

/**
 * Keys of the label sets checkUniqueLabels sees: most are a stored series' own labels or
 * their nameless copy (see dropMetricName), the same arrays at every step.
 */
const keys = new WeakMap<Labels, string>();

/** Prometheus fails a step whose result holds one label set twice. */
export function checkUniqueLabels(samples: readonly Sample[]): void {
  if (samples.length < 2) return;
  const seen = new Set<string>();
  for (const s of samples) {
    let key = keys.get(s.labels);
    if (key === undefined) keys.set(s.labels, (key = labelsKey(s.labels)));
    if (seen.has(key)) throw new EvaluationError('vector cannot contain metrics with the same labelset');
    seen.add(key);
  }
}

export function asVector(value: Value, what: string): Sample[] {
  if (value.kind !== 'vector') throw new EvaluationError(`${what}: expected an instant vector, got ${value.kind}`);
  return value.samples;
}

export function asScalar(value: Value, what: string): number {
  if (value.kind !== 'scalar') throw new EvaluationError(`${what}: expected a scalar, got ${value.kind}`);
  return value.value;
}

export function asMatrix(value: Value, what: string): Series[] {
  if (value.kind !== 'matrix') throw new EvaluationError(`${what}: expected a range vector, got ${value.kind}`);
  return value.series;
}
