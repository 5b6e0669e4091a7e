import { EvaluationError } from './errors.js';
import { labelsKey, METRIC_NAME, setLabels, type Labels } from './labelSet.js';
import type { SimRecordingRule } from './simRules.js';
import type { MemoryStorage, StoredSeries } from './storage.js';
import type { Sample } from './values.js';

/**
 * What a rule writes at each evaluation, and what it wrote at the one before. A rule nearly
 * always returns the same label sets in the same order at every step, so both classes here
 * keep the previous step's work and reuse it when they can tell, cheaply and exactly, that it
 * still holds: building, hashing and looking up label keys per sample per step was most of
 * the simulation's own time.
 */

/** A sample a rule writes: a recorded series, or ALERTS and ALERTS_FOR_STATE. */
export interface Written {
  labels: Labels;
  value: number;
}

/** The series one rule wrote last time: the ones it does not write again get a staleness marker. */
export class RuleOutput {
  private labels: readonly Labels[] = [];
  private series: readonly StoredSeries[] = [];

  /**
   * Appends `written` at `ts`, then marks stale what the previous call wrote and this one
   * did not. A label set passed as the same array as last time at the same position goes
   * to the same series without a key lookup.
   */
  write(storage: MemoryStorage, ts: number, written: readonly Written[]): void {
    if (this.writesAgain(written)) {
      for (let i = 0; i < written.length; i++) storage.appendTo(this.series[i]!, ts, written[i]!.value);
      return;
    }
    const labels: Labels[] = [];
    const series: StoredSeries[] = [];
    for (let i = 0; i < written.length; i++) {
      const w = written[i]!;
      if (w.labels === this.labels[i]) {
        storage.appendTo(this.series[i]!, ts, w.value);
        series.push(this.series[i]!);
      } else {
        series.push(storage.append(w.labels, ts, w.value));
      }
      labels.push(w.labels);
    }
    const now = new Set(series);
    for (const s of this.series) if (!now.has(s)) storage.appendTo(s, ts, 'stale');
    this.labels = labels;
    this.series = series;
  }

  /** Whether `written` has last call's label arrays, in the same order: then nothing goes stale. */
  private writesAgain(written: readonly Written[]): boolean {
    if (written.length !== this.labels.length) return false;
    for (let i = 0; i < written.length; i++) if (written[i]!.labels !== this.labels[i]) return false;
    return true;
  }
}

/** A recording rule's output label sets: each result's labels with the record name and rule labels set. */
export class RecordedLabels {
  private inputs: readonly Labels[] = [];
  private outputs: readonly Labels[] = [];

  constructor(private readonly rule: SimRecordingRule) {}

  /**
   * The samples to write for `result`. A result label set equal to last step's at the same
   * position gets last step's output array, which RuleOutput then recognises. When every
   * one is reused the outputs are last step's, already known to be distinct.
   */
  samples(result: readonly Sample[]): Written[] {
    const rule = this.rule;
    let reused = result.length === this.inputs.length;
    const out: Written[] = [];
    for (let i = 0; i < result.length; i++) {
      const s = result[i]!;
      const previous = this.inputs[i];
      if (previous !== undefined && sameLabels(s.labels, previous)) {
        out.push({ labels: this.outputs[i]!, value: s.value });
        continue;
      }
      reused = false;
      out.push({ labels: setLabels(setLabels(s.labels, { [METRIC_NAME]: rule.record }), rule.labels ?? {}), value: s.value });
    }
    if (reused) return out;
    if (out.length >= 2) {
      const seen = new Set<string>();
      for (const s of out) {
        const key = labelsKey(s.labels);
        if (seen.has(key)) throw new EvaluationError('vector contains metrics with the same labelset after applying rule labels');
        seen.add(key);
      }
    }
    this.inputs = result.map((s) => s.labels);
    this.outputs = out.map((s) => s.labels);
    return out;
  }
}

function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x[0] !== y[0] || x[1] !== y[1]) return false;
  }
  return true;
}
