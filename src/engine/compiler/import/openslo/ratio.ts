import type { SourceSLI } from '../model.js';
import type { SpecFile, Where } from '../specFile.js';
import { readQuery, type DataSources, type MetricQuery } from './query.js';

/** A ratio SLI in either version's words: good or bad over total, or a precomputed ratio. */
export interface RatioQueries {
  counter?: boolean | undefined;
  good?: MetricQuery | undefined;
  bad?: MetricQuery | undefined;
  total?: MetricQuery | undefined;
  raw?: MetricQuery | undefined;
  rawType?: 'success' | 'failure' | undefined;
  at: Where;
}

/** The SLI lookout records: bad or good events over all events, or a ratio of errors. */
export function ratioSLI(file: SpecFile, sources: DataSources, r: RatioQueries): SourceSLI | undefined {
  const q = (key: 'good' | 'bad' | 'total' | 'raw') => r[key] && readQuery(file, sources, r[key], key, r.counter);
  if (r.raw) {
    if (!r.rawType) {
      file.error({ ...r.at, path: [...r.at.path, 'rawType'] }, 'is required with raw: success or failure');
      return undefined;
    }
    const raw = q('raw');
    if (!raw) return undefined;
    // A success ratio is turned around: lookout's raw SLIs hold the error ratio.
    return { kind: 'error-ratio', errorRatio: r.rawType === 'failure' ? raw : { ...raw, windowed: `1 - (${raw.windowed})` } };
  }
  if (!r.total || (r.good === undefined) === (r.bad === undefined)) {
    file.error(r.at, 'needs total and exactly one of good or bad (or raw with rawType)');
    return undefined;
  }
  const total = q('total');
  const good = q('good');
  const bad = q('bad');
  if (!total) return undefined;
  if (bad) return { kind: 'events', errors: bad, total };
  if (good) return { kind: 'events', good, total };
  return undefined;
}
