import type { AggregateOp, Grouping } from '../../library/promql/ast.js';
import { EvaluationError, UnsupportedError } from './errors.js';
import { goFormatFloatPlain } from './goFloat.js';
import { nanFirstAscending, sampleQuantile } from './histogram.js';
import { keepLabels, labelsKey, METRIC_NAME, setLabels, withoutLabels, type Labels } from './labelSet.js';
import type { Sample } from './values.js';

/**
 * Aggregation operators as Prometheus 2.42's engine.go runs them: groups in order of first
 * appearance, plain (uncompensated) summation for sum, the incremental mean for avg, Welford
 * for stddev/stdvar, and Go's container/heap for topk/bottomk so ties pick the same series.
 */

interface Group {
  labels: Labels;
  value: number;
  mean: number;
  count: number;
  /** topk and bottomk only. */
  heap?: Sample[];
  /** quantile only. */
  values?: number[];
}

/** container/heap over a Less function, step for step, because ties depend on it. */
class GoHeap {
  constructor(
    readonly items: Sample[],
    private readonly less: (a: Sample, b: Sample) => boolean,
  ) {}

  private swap(i: number, j: number): void {
    const t = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = t;
  }

  private lessAt(i: number, j: number): boolean {
    return this.less(this.items[i]!, this.items[j]!);
  }

  private up(j: number): void {
    for (;;) {
      const i = Math.trunc((j - 1) / 2);
      if (i === j || !this.lessAt(j, i)) break;
      this.swap(i, j);
      j = i;
    }
  }

  private down(i0: number, n: number): void {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n) break;
      let j = j1;
      const j2 = j1 + 1;
      if (j2 < n && this.lessAt(j2, j1)) j = j2;
      if (!this.lessAt(j, i)) break;
      this.swap(i, j);
      i = j;
    }
  }

  push(s: Sample): void {
    this.items.push(s);
    this.up(this.items.length - 1);
  }

  pop(): void {
    const n = this.items.length - 1;
    this.swap(0, n);
    this.down(0, n);
    this.items.pop();
  }
}

const ascendingLess = (a: Sample, b: Sample): boolean => Number.isNaN(a.value) || a.value < b.value;
const descendingLess = (a: Sample, b: Sample): boolean => Number.isNaN(a.value) || a.value > b.value;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const NO_LABELS: Labels = [];

/** The scalar or string parameter, already evaluated by the caller. */
export type AggregateParam = number | string | undefined;

export function aggregate(op: AggregateOp, grouping: Grouping | undefined, param: AggregateParam, samples: readonly Sample[]): Sample[] {
  if (op === 'limitk' || op === 'limit_ratio') throw new UnsupportedError(`${op} (not in Prometheus 2.42)`);
  const without = grouping?.mode === 'without';
  let groupLabels = [...(grouping?.labels ?? [])];
  let k = 0;
  if (op === 'topk' || op === 'bottomk') {
    const f = param as number;
    if (Number.isNaN(f) || f > 2 ** 63 || f < -(2 ** 63)) throw new EvaluationError(`Scalar value ${f} overflows int64`);
    // int64(2^63) wraps to the minimum in Go, which then reads as "k < 1".
    k = f === 2 ** 63 ? -1 : Math.trunc(f);
    if (k < 1) return [];
  }
  let valueLabel = '';
  if (op === 'count_values') {
    valueLabel = param as string;
    if (!LABEL_NAME.test(valueLabel)) throw new EvaluationError(`invalid label name "${valueLabel}"`);
    if (!without) groupLabels = [...groupLabels, valueLabel];
  }
  const dropped = [METRIC_NAME, ...groupLabels];
  // The group's labels, and their key; without grouping labels every sample is in one group.
  const groupOf = (labels: Labels): Labels => {
    if (without) return withoutLabels(labels, dropped);
    return groupLabels.length === 0 ? NO_LABELS : keepLabels(labels, groupLabels);
  };

  const groups = new Map<string, Group>();
  const ordered: Group[] = [];
  for (const s of samples) {
    const metric = op === 'count_values' ? setLabels(s.labels, { [valueLabel]: goFormatFloatPlain(s.value) }) : s.labels;
    const labels = groupOf(metric);
    const key = labels === NO_LABELS ? '' : labelsKey(labels);
    const group = groups.get(key);
    if (!group) {
      const created: Group = { labels: labels === NO_LABELS ? [] : labels, value: s.value, mean: s.value, count: 1 };
      if (op === 'stddev' || op === 'stdvar') created.value = 0;
      if (op === 'group') created.value = 1;
      if (op === 'topk' || op === 'bottomk') created.heap = [{ labels: s.labels, value: s.value }];
      if (op === 'quantile') created.values = [s.value];
      groups.set(key, created);
      ordered.push(created);
      continue;
    }
    accumulate(op, group, s, k);
  }

  const out: Sample[] = [];
  for (const g of ordered) {
    switch (op) {
      case 'avg':
        g.value = g.mean;
        break;
      case 'count':
      case 'count_values':
        g.value = g.count;
        break;
      case 'stdvar':
        g.value = g.value / g.count;
        break;
      case 'stddev':
        g.value = Math.sqrt(g.value / g.count);
        break;
      case 'topk':
      case 'bottomk': {
        // Prometheus reverses the heap order with an unstable sort; ties may come out in
        // another order there, which no consumer of the result depends on.
        // Both orders put NaN last: topk descending, bottomk ascending.
        const sign = op === 'topk' ? -1 : 1;
        const sorted = [...g.heap!].sort((a, b) => {
          const an = Number.isNaN(a.value);
          const bn = Number.isNaN(b.value);
          if (an || bn) return an === bn ? 0 : an ? 1 : -1;
          return sign * nanFirstAscending(a.value, b.value);
        });
        for (const s of sorted) out.push({ labels: s.labels, value: s.value });
        continue;
      }
      case 'quantile':
        g.value = sampleQuantile(param as number, g.values!);
        break;
      default:
        break;
    }
    out.push({ labels: g.labels, value: g.value });
  }
  return out;
}

function accumulate(op: AggregateOp, g: Group, s: Sample, k: number): void {
  const v = s.value;
  switch (op) {
    case 'sum':
      g.value += v;
      return;
    case 'avg': {
      g.count++;
      if (!Number.isFinite(g.mean) && !Number.isNaN(g.mean)) {
        if (!Number.isFinite(v) && !Number.isNaN(v) && g.mean > 0 === v > 0) return;
        if (Number.isFinite(v)) return;
      }
      // Dividing both terms first keeps huge values from overflowing.
      g.mean += v / g.count - g.mean / g.count;
      return;
    }
    case 'group':
      return;
    case 'max':
      if (g.value < v || Number.isNaN(g.value)) g.value = v;
      return;
    case 'min':
      if (g.value > v || Number.isNaN(g.value)) g.value = v;
      return;
    case 'count':
    case 'count_values':
      g.count++;
      return;
    case 'stddev':
    case 'stdvar': {
      g.count++;
      const delta = v - g.mean;
      g.mean += delta / g.count;
      g.value += delta * (v - g.mean);
      return;
    }
    case 'topk':
    case 'bottomk': {
      const top = op === 'topk';
      const items = g.heap!;
      const heap = new GoHeap(items, top ? ascendingLess : descendingLess);
      const head = items[0]!.value;
      const better = top ? head < v : head > v;
      if (items.length < k || better || Number.isNaN(head)) {
        if (items.length === k) {
          if (k === 1) {
            items[0] = { labels: s.labels, value: v };
            return;
          }
          heap.pop();
        }
        heap.push({ labels: s.labels, value: v });
      }
      return;
    }
    case 'quantile':
      g.values!.push(v);
      return;
    default:
      throw new UnsupportedError(`aggregation ${op}`);
  }
}
