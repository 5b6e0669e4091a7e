import { goParseFloat } from './goFloat.js';
import { bucketQuantile, type Bucket } from './histogram.js';
import { getLabel, labelsKey, METRIC_NAME, withoutLabels, type Labels } from './labelSet.js';
import type { Sample } from './values.js';

/**
 * histogram_quantile over classic buckets: series are grouped by all labels but `le`
 * (the metric name included, so two histograms with different names stay apart until
 * their output labels collide), a missing or unparsable `le` skips the sample, and the
 * result drops both `__name__` and `le`.
 */
export function histogramQuantile(q: number, samples: readonly Sample[]): Sample[] {
  const groups = new Map<string, { labels: Labels; buckets: Bucket[] }>();
  for (const s of samples) {
    const upperBound = goParseFloat(getLabel(s.labels, 'le'));
    if (upperBound === undefined) continue;
    const key = labelsKey(withoutLabels(s.labels, ['le']));
    let group = groups.get(key);
    if (!group) {
      group = { labels: withoutLabels(s.labels, [METRIC_NAME, 'le']), buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upperBound, count: s.value });
  }
  return [...groups.values()].map((g) => ({ labels: g.labels, value: bucketQuantile(q, g.buckets) }));
}
