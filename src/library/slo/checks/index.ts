import { defineCheck, diagnose } from '../../diagnostics/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { sloId } from '../define.js';
import { budgetTooSmall } from './budgetTooSmall.js';
import { sloDescription } from './description.js';
import type { SLOCheck, SLOContext } from './context.js';
import { groupingLabels } from './groupingLabels.js';
import { latencyThreshold } from './latencyThreshold.js';
import { sloNames } from './name.js';
import { objective } from './objective.js';
import { periodRetention } from './periodRetention.js';
import { tierNeverFires } from './tierNeverFires.js';
import { tierWindows } from './tierWindows.js';

export const SLO_CHECKS: readonly SLOCheck[] = [sloNames, sloDescription, objective, tierNeverFires, budgetTooSmall, tierWindows, periodRetention, latencyThreshold, groupingLabels];

export const duplicateSLO = defineCheck({
  id: 'slo/duplicate-id',
  severity: 'error',
  title: 'Each SLO id (service/name) is defined once',
  why: 'Two SLOs with one id write the same recorded series: both read garbage and both alerts fire on each other\'s data.',
});

/** `slo/api.ts:9`: where the first of two SLOs sharing an id was defined. */
function definedAt(ctx: SLOContext): string {
  const file = ctx.module ?? ctx.slo.source?.file ?? 'another module';
  return ctx.slo.source ? `${file}:${ctx.slo.source.line}` : file;
}

/** Runs every SLO check; `contexts` hold each SLO with its resolved tiers. */
export function checkSLOs(contexts: readonly SLOContext[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, SLOContext>();
  for (const ctx of contexts) {
    const id = sloId(ctx.slo);
    for (const c of SLO_CHECKS) {
      for (const { field, ...f } of c.run(ctx)) out.push(diagnose(c.check, { ...f, path: `${id}.${field}`, source: ctx.slo.source }));
    }
    const first = seen.get(id);
    if (first) out.push(diagnose(duplicateSLO, { path: `${id}.name`, source: ctx.slo.source, message: `SLO "${id}" is also defined at ${definedAt(first)}`, hint: 'give one of them another name (or service)' }));
    else seen.set(id, ctx);
  }
  return out;
}

export type { SLOContext } from './context.js';
