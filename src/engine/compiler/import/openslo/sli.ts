import { z } from 'zod';
import type { SourceSLI } from '../model.js';
import { IMPORT_CODES, type SpecFile } from '../specFile.js';
import { below, isMapping, reportLeftOut, reportUnread, type At } from './fields.js';
import type { DataSources, MetricQuery } from './query.js';
import { ratioSLI } from './ratio.js';

/** OpenSLO v1 SLIs: an `SLI` document, or the `indicator` inline in an SLO. */

const metricSource = z.object({
  metricSource: z.object({
    metricSourceRef: z.string().optional(),
    type: z.string().optional(),
    spec: z.record(z.string(), z.unknown()).optional(),
  }),
});

const ratioMetric = z.object({
  counter: z.boolean().optional(),
  good: metricSource.optional(),
  bad: metricSource.optional(),
  total: metricSource.optional(),
  rawType: z.enum(['success', 'failure']).optional(),
  raw: metricSource.optional(),
});

const sliSpec = z.object({
  description: z.string().optional(),
  thresholdMetric: z.unknown().optional(),
  ratioMetric: ratioMetric.optional(),
});

type Metric = z.infer<typeof metricSource>;

/** An SLI's spec and where it is, named for the comment above the SLO. */
export interface Indicator {
  spec: unknown;
  at: At;
  name?: string | undefined;
  description?: string | undefined;
}

/** The description of an SLI spec, if it has one, for SLOs that give none. */
export function indicatorDescription(spec: unknown): string | undefined {
  return isMapping(spec) && typeof spec.description === 'string' ? spec.description : undefined;
}

function metricQuery(file: SpecFile, raw: unknown, m: Metric, at: At): MetricQuery {
  reportUnread(file, at(), raw, metricSource);
  const src = isMapping(raw) ? raw.metricSource : undefined;
  reportUnread(file, at('metricSource'), src, metricSource.shape.metricSource);
  const spec = m.metricSource.spec;
  const isPrometheus = (m.metricSource.type ?? 'prometheus').toLowerCase() === 'prometheus';
  // Another source's fields are refused with the source; a Prometheus spec only has a query.
  if (isPrometheus) reportUnread(file, at('metricSource', 'spec'), spec, ['query']);
  return {
    type: m.metricSource.type,
    sourceRef: m.metricSource.metricSourceRef,
    query: typeof spec?.query === 'string' ? spec.query : undefined,
    typeAt: at('metricSource', m.metricSource.type === undefined && m.metricSource.metricSourceRef !== undefined ? 'metricSourceRef' : 'type'),
    queryAt: at('metricSource', 'spec', 'query'),
  };
}

/** A v1 SLI spec as lookout's SLI, or undefined once its problems are reported. */
export function readSLI(file: SpecFile, sources: DataSources, { spec: raw, at }: Indicator): SourceSLI | undefined {
  const spec = file.validate(sliSpec, at(), raw);
  if (!spec) return undefined;
  reportUnread(file, at(), raw, sliSpec);
  const ratio = spec.ratioMetric;
  if (!ratio) {
    if (spec.thresholdMetric !== undefined) file.report('error', IMPORT_CODES.unsupported, at('thresholdMetric'), 'threshold metrics cannot be imported: lookout SLIs are ratios of events');
    else file.error(at('ratioMetric'), 'is required');
    return undefined;
  }
  if (spec.thresholdMetric !== undefined) {
    file.error(at('thresholdMetric'), 'give either ratioMetric or thresholdMetric, not both');
    return undefined;
  }
  const rawRatio = isMapping(raw) ? raw.ratioMetric : undefined;
  reportUnread(file, at('ratioMetric'), rawRatio, ratioMetric);
  if (ratio.raw) reportLeftOut(file, at('ratioMetric'), rawRatio, ['counter'], 'it has no effect on a raw ratio');
  const part = (key: 'good' | 'bad' | 'total' | 'raw') => {
    const m = ratio[key];
    return m && metricQuery(file, isMapping(rawRatio) ? rawRatio[key] : undefined, m, (...p) => at('ratioMetric', key, ...p));
  };
  return ratioSLI(file, sources, { counter: ratio.counter, good: part('good'), bad: part('bad'), total: part('total'), raw: part('raw'), rawType: ratio.rawType, at: below(at(), 'ratioMetric') });
}
