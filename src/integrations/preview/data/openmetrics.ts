/**
 * Synthetic series as the OpenMetrics text `promtool tsdb create-blocks-from openmetrics`
 * reads: one series after another, each in time order, no metadata (every family untyped, so
 * a counter without `_total` is accepted as it is scraped), ending with `# EOF`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { SyntheticSeries } from './series.js';

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `name{a="1",b="2"}`: the series' name and labels as OpenMetrics writes them. */
export function seriesText(labels: Record<string, string>): string {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${k}="${escapeValue(rest[k]!)}"`);
  return pairs.length ? `${name}{${pairs.join(',')}}` : name!;
}

/** Writes `series` to `file`; returns the number of samples. */
export async function writeOpenMetrics(file: string, series: readonly SyntheticSeries[]): Promise<number> {
  const out = createWriteStream(file);
  let samples = 0;
  for (const s of series) {
    const head = seriesText(s.labels);
    const lines: string[] = [];
    s.values.forEach((v, i) => lines.push(`${head} ${Number.isFinite(v) ? v : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'} ${s.times[i]}\n`));
    samples += lines.length;
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  out.end('# EOF\n');
  await once(out, 'finish');
  return samples;
}
