/**
 * Recording rules evaluated over a past range, the way Prometheus would have evaluated them:
 * one range query per rule with its group's interval as the step (a range query is an instant
 * query at each step), the result renamed to the record and given the rule's labels.
 *
 * Why not `promtool tsdb create-blocks-from rules`: it writes one TSDB block per rule and
 * block range, which took 12 s per 80 rules here and leaves hundreds of overlapping blocks for
 * every later query to merge; these results go into one block per level instead.
 */
import { parseDuration } from '../../../library/duration.js';
import type { PrometheusApi } from '../../prometheus/prometheusApi.js';
import type { Recording } from './ruleLevels.js';
import type { SyntheticSeries } from './series.js';

/** Prometheus refuses range queries of more than 11,000 points per series. */
const MAX_POINTS = 10_000;
/** Range queries in flight at once: enough to keep a 2-core Prometheus busy. */
const PARALLEL = 4;

async function evaluate(api: PrometheusApi, rule: Recording, startS: number, endS: number): Promise<SyntheticSeries[]> {
  const step = (parseDuration(rule.interval) ?? 60_000) / 1000;
  const bySeries = new Map<string, SyntheticSeries>();
  // Evaluations fall on whole multiples of the interval, as a group's do (give or take its offset).
  for (let from = Math.ceil(startS / step) * step; from <= endS; from += step * MAX_POINTS) {
    const to = Math.min(endS, from + step * (MAX_POINTS - 1));
    const answer = await api.range(rule.expr, from, to, step);
    if (!answer.ok) throw new Error(`recording rule ${rule.record} (group ${rule.group}) failed: ${answer.errorType}: ${answer.error}`);
    for (const s of answer.series) {
      const { __name__: _dropped, ...kept } = s.labels;
      const labels = { ...kept, ...rule.labels, __name__: rule.record };
      const key = JSON.stringify(Object.entries(labels).sort());
      if (!bySeries.has(key)) bySeries.set(key, { labels, times: [], values: [] });
      const out = bySeries.get(key)!;
      for (const [t, v] of s.samples) {
        (out.times as number[]).push(t);
        out.values.push(v);
      }
    }
  }
  return [...bySeries.values()];
}

/** The output of every rule of one level over [startS, endS] (unix seconds). */
export async function evaluateLevel(api: PrometheusApi, level: readonly Recording[], startS: number, endS: number): Promise<SyntheticSeries[]> {
  const out: SyntheticSeries[][] = new Array(level.length);
  let next = 0;
  const worker = async () => {
    while (next < level.length) {
      const i = next++;
      out[i] = await evaluate(api, level[i]!, startS, endS);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, level.length) }, worker));
  return out.flat();
}
