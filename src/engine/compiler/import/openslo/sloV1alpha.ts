import { z } from 'zod';
import { nonEmpty } from '../fields.js';
import type { ImportedSLO } from '../model.js';
import { IMPORT_CODES } from '../specFile.js';
import { isMapping, reportLeftOut, reportUnread, type At } from './fields.js';
import { importedSLOs, objectivePercent, occurrences, target, type ReadObjective } from './objectives.js';
import type { OpenSLOObject } from './objects.js';
import type { MetricQuery } from './query.js';
import { ratioSLI } from './ratio.js';
import type { SLOContext } from './sloV1.js';
import { v1alphaPeriod } from './window.js';

/**
 * OpenSLO v1alpha SLOs, the shape Sloth reads: no SLI or DataSource objects; each objective
 * carries its own `ratioMetrics` (good over total, `source` and `query` per metric,
 * `incremental` for counters), or the SLO an `indicator.thresholdMetric`. Windows are a
 * `count` of a `unit`. There are no alert policies in v1alpha.
 */

const metric = z.object({ source: z.string().optional(), queryType: z.string().optional(), query: z.string().optional() });

const ratioMetrics = z.object({ good: metric.optional(), bad: metric.optional(), total: metric, incremental: z.boolean().optional(), counter: z.boolean().optional() });

const objectiveSpec = z.object({
  displayName: z.string().optional(),
  ...target,
  value: z.number().optional(),
  op: z.string().optional(),
  timeSliceTarget: z.number().optional(),
  ratioMetrics: ratioMetrics.optional(),
});

const sloSpec = z.object({
  description: z.string().optional(),
  service: nonEmpty,
  indicator: z.object({ thresholdMetric: z.unknown().optional() }).optional(),
  timeWindows: z
    .array(z.object({ unit: z.string(), count: z.number().int().gt(0, { error: 'must be a whole number above 0' }), isRolling: z.boolean().optional(), calendar: z.unknown().optional() }))
    .length(1, { error: 'must list exactly one window' })
    .optional(),
  // Sloth's v1alpha examples leave it out; they count events.
  budgetingMethod: z.string().optional(),
  objectives: z.array(objectiveSpec).min(1, { error: 'must list at least one objective' }),
});

function metricQuery(m: z.infer<typeof metric>, raw: unknown, at: At, report: (at: At, raw: unknown) => void): MetricQuery {
  report(at, raw);
  return { type: m.source, query: m.query, typeAt: at('source'), queryAt: at('query') };
}

/** One OpenSLO v1alpha SLO as lookout SLOs, or none once its problems are reported. */
export function readSLOv1alpha(ctx: SLOContext, slo: OpenSLOObject): ImportedSLO[] {
  const { file } = ctx;
  const spec = file.validate(sloSpec, slo.at('spec'), slo.spec);
  if (!spec) return [];
  const rawSpec = isMapping(slo.spec) ? slo.spec : {};
  reportUnread(file, slo.at('spec'), rawSpec, sloSpec);
  reportLeftOut(file, slo.at('metadata'), slo.metadata, ['annotations'], 'they hold metadata for other OpenSLO tools');
  if (!occurrences(file, slo.at('spec', 'budgetingMethod'), spec.budgetingMethod)) return [];
  if (spec.indicator?.thresholdMetric !== undefined) {
    file.report('error', IMPORT_CODES.unsupported, slo.at('spec', 'indicator', 'thresholdMetric'), 'threshold metrics cannot be imported: lookout SLIs are ratios of events');
    return [];
  }
  reportUnread(file, slo.at('spec', 'indicator'), rawSpec.indicator, sloSpec.shape.indicator.unwrap());
  const rawObjectives = Array.isArray(rawSpec.objectives) ? rawSpec.objectives : [];
  const objectives: ReadObjective[] = [];
  let ok = true;
  spec.objectives.forEach((o, i) => {
    const at: At = (...p) => slo.at('spec', 'objectives', i, ...p);
    const raw = isMapping(rawObjectives[i]) ? rawObjectives[i] : {};
    reportUnread(file, at(), raw, objectiveSpec);
    reportLeftOut(file, at(), raw, ['op', 'value'], 'they compare a threshold metric, and lookout SLIs are ratios of events');
    reportLeftOut(file, at(), raw, ['timeSliceTarget'], 'it only applies to the Timeslices budgeting method');
    const objective = objectivePercent(file, at(), o);
    const r = o.ratioMetrics;
    if (!r) {
      file.error(at('ratioMetrics'), 'is required: good and total queries (lookout imports ratio SLOs)');
      ok = false;
      return;
    }
    const rawRatio = isMapping(raw.ratioMetrics) ? raw.ratioMetrics : {};
    reportUnread(file, at('ratioMetrics'), rawRatio, ratioMetrics);
    const report = (mAt: At, m: unknown) => {
      reportUnread(file, mAt(), m, metric);
      const queryType = isMapping(m) ? m.queryType : undefined;
      if (typeof queryType === 'string' && !/^(promql|query)$/i.test(queryType)) {
        file.report('warning', IMPORT_CODES.changed, mAt('queryType'), `queryType "${queryType}" left out: lookout reads the query as PromQL`);
      }
    };
    const part = (key: 'good' | 'bad' | 'total') => {
      const m = r[key];
      return m && metricQuery(m, rawRatio[key], (...p) => at('ratioMetrics', key, ...p), report);
    };
    const sli = ratioSLI(file, ctx.sources, { counter: r.incremental ?? r.counter, good: part('good'), bad: part('bad'), total: part('total'), at: at('ratioMetrics') });
    if (!sli || objective === undefined) {
      ok = false;
      return;
    }
    objectives.push({ displayName: o.displayName, objective, sli });
  });
  const period = v1alphaPeriod(file, slo.at('spec', 'timeWindows', 0), spec.timeWindows?.[0]);
  if (!ok || period === undefined) return [];
  return importedSLOs(file, slo, { service: spec.service, description: spec.description, period, objectives });
}
