import { z } from 'zod';
import { nonEmpty } from '../fields.js';
import type { ImportedSLO } from '../model.js';
import type { SpecFile } from '../specFile.js';
import type { AlertPolicies, BurnRateCondition } from './alertPolicies.js';
import { isMapping, refHint, reportLeftOut, reportUnread, type At } from './fields.js';
import { importedSLOs, objectivePercent, occurrences, target, type ReadObjective } from './objectives.js';
import type { OpenSLOObject } from './objects.js';
import type { DataSources } from './query.js';
import { indicatorDescription, readSLI, type Indicator } from './sli.js';
import { isSliceMethod, timeSliceSLI } from './timeslices.js';
import { v1Period } from './window.js';

/** OpenSLO v1 SLOs: an inline `indicator` or an `indicatorRef`, per SLO or per objective. */

const inlineIndicator = z.object({ metadata: z.object({ name: z.string().optional(), displayName: z.string().optional() }).optional(), spec: z.unknown() });

const objectiveSpec = z.object({
  displayName: z.string().optional(),
  ...target,
  op: z.string().optional(),
  value: z.number().optional(),
  timeSliceTarget: z.number().optional(),
  timeSliceWindow: z.union([z.number(), z.string()]).optional(),
  indicator: inlineIndicator.optional(),
  indicatorRef: z.string().optional(),
  compositeWeight: z.number().optional(),
});

const sloSpec = z.object({
  description: z.string().optional(),
  service: nonEmpty,
  indicator: inlineIndicator.optional(),
  indicatorRef: z.string().optional(),
  timeWindow: z
    .array(z.object({ duration: z.string(), isRolling: z.boolean().optional(), calendar: z.unknown().optional() }))
    .length(1, { error: 'must list exactly one window' })
    .optional(),
  budgetingMethod: z.string(),
  objectives: z.array(objectiveSpec).min(1, { error: 'must list at least one objective' }),
  alertPolicies: z.array(z.unknown()).optional(),
});

type Spec = z.infer<typeof sloSpec>;

interface Context {
  file: SpecFile;
  indicators: ReadonlyMap<string, Indicator>;
  sources: DataSources;
  policies: AlertPolicies;
}

/** The indicator an SLO (or one of its objectives) names, inline or by reference. */
function indicatorOf(ctx: Context, holder: { indicator?: z.infer<typeof inlineIndicator> | undefined; indicatorRef?: string | undefined }, raw: unknown, at: At, required: boolean): Indicator | undefined | null {
  const { file } = ctx;
  if (holder.indicator && holder.indicatorRef !== undefined) {
    file.error(at('indicatorRef'), 'give either indicator or indicatorRef, not both');
    return undefined;
  }
  if (holder.indicator) {
    const ind = holder.indicator;
    const written = isMapping(raw) ? raw.indicator : undefined;
    reportUnread(file, at('indicator'), written, inlineIndicator);
    reportUnread(file, at('indicator', 'metadata'), isMapping(written) ? written.metadata : undefined, inlineIndicator.shape.metadata.unwrap());
    reportLeftOut(file, at('indicator', 'metadata'), ind.metadata, ['name', 'displayName'], 'an inline SLI is written into the SLO it measures, unnamed');
    return { spec: ind.spec, at: (...p) => at('indicator', 'spec', ...p), name: ind.metadata?.name, description: indicatorDescription(ind.spec) };
  }
  if (holder.indicatorRef === undefined) {
    if (required) file.error(at('indicator'), `is required: give an inline indicator or an indicatorRef to an SLI in ${file.inputName}`);
    return required ? undefined : null;
  }
  const found = ctx.indicators.get(holder.indicatorRef);
  if (!found) file.error(at('indicatorRef'), `no SLI named "${holder.indicatorRef}" in ${file.inputName}`, refHint('SLI'));
  return found;
}

function objectivesOf(ctx: Context, slo: OpenSLOObject, spec: Spec): ReadObjective[] | undefined {
  const { file } = ctx;
  const rawObjectives = isMapping(slo.spec) && Array.isArray(slo.spec.objectives) ? slo.spec.objectives : [];
  const perObjective = spec.objectives.some((o) => o.indicator !== undefined || o.indicatorRef !== undefined);
  const shared = perObjective && !spec.indicator && spec.indicatorRef === undefined ? null : indicatorOf(ctx, spec, slo.spec, (...p) => slo.at('spec', ...p), true);
  if (shared === undefined) return undefined;
  const out: ReadObjective[] = [];
  let ok = true;
  spec.objectives.forEach((o, i) => {
    const at: At = (...p) => slo.at('spec', 'objectives', i, ...p);
    const raw = rawObjectives[i];
    reportUnread(file, at(), raw, objectiveSpec);
    if (o.compositeWeight !== undefined) {
      reportLeftOut(file, at(), raw, ['compositeWeight'], 'lookout has no composite SLOs: each objective is imported as an SLO of its own, with its own error budget');
    }
    if (spec.budgetingMethod === 'Occurrences') reportLeftOut(file, at(), raw, ['timeSliceTarget', 'timeSliceWindow'], 'they only apply to the Timeslices budgeting method');
    reportLeftOut(file, at(), raw, ['op', 'value'], 'they compare a threshold metric, and lookout SLIs are ratios of events');
    const own = indicatorOf(ctx, o, raw, at, false);
    const indicator = own ?? shared;
    if (own && shared) file.error(at('indicator'), 'the SLO has an indicator already: give it per SLO or per objective, not both');
    const objective = objectivePercent(file, at(), o);
    const read = indicator ? readSLI(file, ctx.sources, indicator) : undefined;
    const sli = read && isSliceMethod(spec.budgetingMethod) ? timeSliceSLI(file, at(), spec.budgetingMethod, read, o) : read;
    if (!indicator && own === null) file.error(at('indicator'), 'is required: give the SLO or each objective an indicator or an indicatorRef');
    if (!sli || objective === undefined || (own && shared)) {
      ok = false;
      return;
    }
    out.push({ displayName: o.displayName, objective, sli, sliDescription: indicator!.description });
  });
  return ok ? out : undefined;
}

/** One OpenSLO v1 SLO as lookout SLOs, or none once its problems are reported. */
export function readSLOv1(ctx: Context, slo: OpenSLOObject): ImportedSLO[] {
  const { file } = ctx;
  const spec = file.validate(sloSpec, slo.at('spec'), slo.spec);
  if (!spec) return [];
  reportUnread(file, slo.at('spec'), slo.spec, sloSpec);
  reportLeftOut(file, slo.at('metadata'), slo.metadata, ['annotations'], 'they hold metadata for other OpenSLO tools');
  if (!isSliceMethod(spec.budgetingMethod) && !occurrences(file, slo.at('spec', 'budgetingMethod'), spec.budgetingMethod)) return [];
  const objectives = objectivesOf(ctx, slo, spec);
  const period = v1Period(file, slo.at('spec', 'timeWindow', 0), spec.timeWindow?.[0]);
  const conditions: BurnRateCondition[] | undefined | null = spec.alertPolicies?.length ? ctx.policies.ofSLO(spec.alertPolicies, (...p) => slo.at('spec', 'alertPolicies', ...p)) : null;
  if (!objectives || period === undefined || conditions === undefined) return [];
  return importedSLOs(file, slo, { service: spec.service, description: spec.description, period, objectives, conditions: conditions ?? undefined });
}

export type { Context as SLOContext };
