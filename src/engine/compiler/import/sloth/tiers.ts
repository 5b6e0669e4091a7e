import { parseDuration } from '../../../../library/duration.js';
import { DEFAULT_TIERS } from '../../../../library/slo/tiers.js';
import type { ImportedTier, TierChanges } from '../model.js';
import { keptLabels } from '../normalize.js';
import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from '../specFile.js';
import { ALERT_FOR } from './plugins.js';
import type { SlothAlert } from './schema.js';

/** Sloth's page or ticket alert, with the key it was found under. */
export interface SeverityAlert {
  severity: 'page' | 'ticket';
  key: string;
  alert: SlothAlert | undefined;
}

/** What one of Sloth's two alerts changes in lookout's tiers of its severity. */
interface TierEdit {
  disabled: boolean;
  labels: Record<string, string>;
  for?: string;
}

function edit(file: SpecFile, at: (...p: FieldPath) => Where, { key, alert }: SeverityAlert, alertFor: boolean): TierEdit {
  if (!alert) return { disabled: false, labels: {} };
  if (Object.keys(alert.annotations ?? {}).length > 0) {
    file.report('warning', IMPORT_CODES.changed, at(key, 'annotations'), `${key} annotations left out: lookout's tiers differ by labels only`, 'move them to alerting.annotations to keep them on every tier');
  }
  if (alert.disable) {
    if (Object.keys(alert.labels ?? {}).length > 0) file.report('warning', IMPORT_CODES.changed, at(key, 'labels'), `${key} labels left out: the alert is disabled`);
    if (alert.for !== undefined) file.report('warning', IMPORT_CODES.changed, at(key, 'for'), `${key} for left out: the alert is disabled`);
    return { disabled: true, labels: {} };
  }
  const out: TierEdit = { disabled: false, labels: keptLabels(file, at(key, 'labels'), alert.labels) };
  if (alert.for === undefined) return out;
  if (!alertFor) {
    file.report('warning', IMPORT_CODES.changed, at(key, 'for'), `for left out: Sloth applies it only with the ${ALERT_FOR} plugin, which this spec does not enable; lookout keeps its tiers' own for`);
  } else if (!(parseDuration(alert.for) ?? 0)) {
    file.error(at(key, 'for'), `"${alert.for}" is not a duration`);
  } else {
    out.for = alert.for;
  }
  return out;
}

/** A tier with the alert's `for`, unless that is longer than the short window (slo/tier-windows refuses it). */
function withFor(file: SpecFile, at: (...p: FieldPath) => Where, key: string, tier: ImportedTier, given: string | undefined): string {
  if (given === undefined) return tier.for;
  if (parseDuration(given)! <= parseDuration(tier.shortWindow)!) return given;
  file.report('warning', IMPORT_CODES.changed, at(key, 'for'), `for ${given} not applied to the ${tier.longWindow} tier: it is longer than the tier's short window ${tier.shortWindow}, which lookout refuses (slo/tier-windows); the tier keeps for ${tier.for}`);
  return tier.for;
}

/**
 * The tiers of an imported SLO: Sloth's page alert stands for the page tiers, its ticket alert
 * for the ticket tiers. With lookout's default windows and `for`, the changes are written as
 * overrides by long window; otherwise as a full list. `false` when both alerts are disabled.
 */
export function importedTiers(file: SpecFile, at: (...p: FieldPath) => Where, base: readonly ImportedTier[], custom: boolean, alerts: readonly SeverityAlert[], alertFor: boolean): TierChanges | ImportedTier[] | false | undefined {
  const edits = new Map(alerts.map((a) => [a.severity, { key: a.key, ...edit(file, at, a, alertFor) }]));
  const kept = base.filter((t) => !edits.get(t.severity)?.disabled);
  if (kept.length === 0) return false;
  if (custom || [...edits.values()].some((e) => e.for !== undefined)) {
    return kept.map((t) => {
      const e = edits.get(t.severity);
      const tier: ImportedTier = { ...t, for: e ? withFor(file, at, e.key, t, e.for) : t.for };
      if (e && Object.keys(e.labels).length > 0) tier.labels = e.labels;
      return tier;
    });
  }
  const changes: TierChanges = {};
  for (const t of DEFAULT_TIERS) {
    const e = edits.get(t.severity as SeverityAlert['severity']);
    if (e?.disabled) changes[t.longWindow] = false;
    else if (e && Object.keys(e.labels).length > 0) changes[t.longWindow] = { labels: e.labels };
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}
