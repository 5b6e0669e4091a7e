import { z } from 'zod';
import { tidy } from '../../../../library/slo/compile.js';
import type { ImportedAlerting, ImportedSLO, SourceSLI } from '../model.js';
import { kebabName } from '../names.js';
import { description, importedAlertName, keptLabels, labelValueName } from '../normalize.js';
import { IMPORT_CODES, type SpecFile, type Where } from '../specFile.js';
import type { BurnRateCondition } from './alertPolicies.js';
import { below, reportLeftOut } from './fields.js';
import type { OpenSLOObject } from './objects.js';
import { isSliceMethod } from './timeslices.js';
import { burnRateTiers } from './tiers.js';

/** What an OpenSLO objective's target may be, in either of its two spellings. */
export const target = {
  target: z.number().gt(0, { error: 'must be a ratio above 0 and below 1, such as 0.999' }).lt(1, { error: 'must be below 1: a target of 1 leaves no error budget to alert on' }).optional(),
  targetPercent: z.number().gt(0, { error: 'must be a percentage above 0 and below 100, such as 99.9' }).lt(100, { error: 'must be below 100: a target of 100% leaves no error budget to alert on' }).optional(),
};

/** lookout's objective in percent, from `target` (0.999) or `targetPercent` (99.9). */
export function objectivePercent(file: SpecFile, where: Where, o: { target?: number | undefined; targetPercent?: number | undefined }): number | undefined {
  if ((o.target === undefined) === (o.targetPercent === undefined)) {
    file.error(below(where, 'target'), 'give exactly one of target (0.999) or targetPercent (99.9)');
    return undefined;
  }
  return o.targetPercent ?? tidy(o.target! * 100);
}

/** The budgeting method lookout's SLOs follow (v1's time-slice methods are turned into it: timeslices.ts). */
export function occurrences(file: SpecFile, where: Where, method: string | undefined): boolean {
  if (method === undefined || method === 'Occurrences') return true;
  const reason = isSliceMethod(method) ? 'OpenSLO v1alpha gives no time slice window (v1 SLOs with a timeSliceWindow are imported)' : 'lookout reads Occurrences, and the Timeslices and RatioTimeslices of OpenSLO v1';
  file.report('error', IMPORT_CODES.unsupported, where, `budgetingMethod ${method} cannot be imported: ${reason}`);
  return false;
}

/** One objective of an SLO, read: its target and the SLI it is measured on. */
export interface ReadObjective {
  displayName?: string | undefined;
  objective: number;
  sli: SourceSLI;
  sliDescription?: string | undefined;
}

/**
 * lookout SLOs for an OpenSLO SLO: one per objective (lookout has one objective per SLO, so
 * several become siblings over the same period), alerting on the SLO's burn-rate conditions
 * when it names any, else on lookout's default tiers.
 */
export function importedSLOs(
  file: SpecFile,
  slo: OpenSLOObject,
  fields: { service: string; description?: string | undefined; period: string; objectives: readonly ReadObjective[]; conditions?: readonly BurnRateCondition[] | undefined },
): ImportedSLO[] {
  const at = slo.at;
  const service = labelValueName(file, at('spec', 'service'), 'service', fields.service);
  const base = labelValueName(file, at('metadata', 'name'), 'SLO', slo.name);
  const labels = keptLabels(file, at('metadata', 'labels'), slo.metadata.labels);
  // Names that only read well to people: say which ones the lookout SLOs do not carry.
  if (fields.description !== undefined) reportLeftOut(file, at('metadata'), slo.metadata, ['displayName'], 'the SLO\'s description describes it in lookout');
  if (fields.objectives.length === 1) reportLeftOut(file, at('spec', 'objectives', 0), fields.objectives[0], ['displayName'], 'an objective\'s name only tells apart the SLOs of several objectives');
  const out: ImportedSLO[] = [];
  fields.objectives.forEach((o, i) => {
    const name = fields.objectives.length === 1 ? base : `${base}-${o.displayName ? kebabName(o.displayName) : i + 1}`;
    let alerting: ImportedAlerting | false = { name: importedAlertName(file, at('metadata', 'name'), undefined, service, name), labels: {}, annotations: {} };
    if (fields.conditions) {
      const tiers = burnRateTiers(file, fields.conditions, fields.period, o.objective);
      if (!tiers) return;
      // Policies that never alert on a breach leave the SLO without alerts, as in the input.
      alerting = tiers.length ? { ...alerting, tiers } : false;
    }
    out.push({
      where: at(),
      service,
      name,
      description: description(fields.description ?? slo.metadata.displayName ?? o.sliDescription, name, file.sourceOf(at().doc)),
      objective: o.objective,
      period: fields.period,
      labels,
      sli: o.sli,
      alerting,
    });
  });
  return out;
}
