import { z } from 'zod';
import { LONG_GROUP_INTERVAL } from '../../../../library/slo/conventions.js';
import { scalar } from '../fields.js';
import { keptLabels } from '../normalize.js';
import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from '../specFile.js';
import { readKnownFields } from './knownFields.js';
import type { SlothPlugins } from './schema.js';

/**
 * Sloth's SLO plugins (`slo_plugins`/`sloPlugins` of a service, `plugins` of an SLO). lookout
 * applies the ones that only add labels or set intervals or `for`, leaves out with a warning
 * the ones that change nothing lookout writes, and refuses every other one by name: its effect
 * on the rules cannot be reproduced from the spec alone.
 */

const INFO_LABELS = 'sloth.dev/contrib/info_labels/v1';
const RULE_INTERVALS = 'sloth.dev/contrib/rule_intervals/v1';
export const ALERT_FOR = 'sloth.dev/contrib/alert_for/v1';

/** Plugins whose work lookout's generate does itself, or that write nothing: why each is left out. */
const NO_EFFECT: Readonly<Record<string, string>> = {
  'sloth.dev/core/validate/v1': 'lookout checks every SLO itself when it generates',
  'sloth.dev/core/sli_rules/v1': 'lookout writes the SLI recording rules itself',
  'sloth.dev/core/metadata_rules/v1': 'lookout writes its own metadata rules',
  'sloth.dev/core/alert_rules/v1': 'lookout writes the burn-rate alerts itself',
  'sloth.dev/core/debug/v1': 'it only logs while Sloth generates',
  'sloth.dev/core/noop/v1': 'it changes nothing',
};

/** Why known plugins are refused; any other one changes the rules in a way the spec does not say. */
const REFUSED: Readonly<Record<string, string>> = {
  'sloth.dev/contrib/denominator_corrected_rules/v1': "it scales the error ratio of each window by the share of the period traffic that window saw, so quiet hours alert less; lookout tiers compare the error ratio of the window itself",
  'sloth.dev/contrib/validate_victoria_metrics/v1': 'the spec is written for VictoriaMetrics (MetricsQL), and lookout writes Prometheus rules',
  'sloth.dev/contrib/error_budget_exhausted_alert/v1': 'it adds an alert lookout does not write',
  'sloth.dev/contrib/remove_labels/v1': 'it removes labels from the recorded series, which lookout keeps',
};
const UNKNOWN_EFFECT = 'it changes the rules Sloth writes in a way lookout does not reproduce';

const infoLabelsConfig = z.strictObject({ labels: z.record(z.string(), scalar), metricName: z.string().optional() });

/** What the plugins of an SLO add to it. */
export interface PluginEffects {
  labels: Record<string, string>;
  /** The alert_for plugin is on: page_alert.for and ticket_alert.for apply. */
  alertFor: boolean;
}

function noEffects(): PluginEffects {
  return { labels: {}, alertFor: false };
}

/**
 * Applies one plugin chain. `owner` names what it applies to (`SLO "svc/name"`, or `every SLO
 * of service "svc"`) in the messages. Returns undefined when a plugin was refused.
 */
export function applyPlugins(file: SpecFile, at: (...p: FieldPath) => Where, plugins: SlothPlugins | undefined, owner: string): PluginEffects | undefined {
  const out = noEffects();
  if (!plugins) return out;
  if (plugins.overridePrevious) {
    file.report('warning', IMPORT_CODES.changed, at('overridePrevious'), "overridePrevious left out: lookout always writes an SLO's SLI, metadata and alert rules, whatever plugins came before");
  }
  let refused = false;
  // Sloth runs a chain lowest priority first, so a later plugin's label wins; sort is stable.
  const chain = (plugins.chain ?? []).map((plugin, index) => ({ plugin, index })).sort((a, b) => (a.plugin.priority ?? 0) - (b.plugin.priority ?? 0));
  for (const { plugin, index } of chain) {
    const atPlugin = (...p: FieldPath) => at('chain', index, ...p);
    if (plugin.id === INFO_LABELS) {
      const config = readKnownFields(file, infoLabelsConfig, atPlugin('config'), plugin.config, INFO_LABELS);
      if (!config) continue;
      if (config.metricName !== undefined) {
        file.report('warning', IMPORT_CODES.changed, atPlugin('config', 'metricName'), `metricName left out: lookout writes no info series for ${INFO_LABELS} to name`);
      }
      Object.assign(out.labels, infoLabels(file, atPlugin('id'), atPlugin('config', 'labels'), INFO_LABELS, config.labels, owner));
    } else if (plugin.id === RULE_INTERVALS) {
      intervalsLeftOut(file, atPlugin('id'), RULE_INTERVALS, owner);
    } else if (plugin.id === ALERT_FOR) {
      out.alertFor = true;
    } else if (NO_EFFECT[plugin.id]) {
      file.report('warning', IMPORT_CODES.changed, atPlugin('id'), `Sloth plugin ${plugin.id} left out: ${NO_EFFECT[plugin.id]}`);
    } else {
      refused = true;
      file.report(
        'error',
        IMPORT_CODES.unsupported,
        atPlugin('id'),
        `Sloth SLO plugin "${plugin.id}" of ${owner} cannot be imported: ${REFUSED[plugin.id] ?? UNKNOWN_EFFECT}`,
        `lookout applies ${INFO_LABELS}, ${RULE_INTERVALS} and ${ALERT_FOR}; remove the plugin from the spec, or write the SLO in TypeScript`,
      );
    }
  }
  return refused ? undefined : out;
}

/**
 * Labels Sloth puts on its `sloth_slo_info` series only (info_labels, an SLO's infoLabels).
 * lookout writes no such series, so they go where the SLO's own labels go, and a warning says so.
 */
export function infoLabels(file: SpecFile, where: Where, at: Where, what: string, labels: Readonly<Record<string, string>>, owner: string): Record<string, string> {
  file.report('warning', IMPORT_CODES.changed, where, `${what}: the labels are put on every series and alert of ${owner}; Sloth puts them on sloth_slo_info only, a series lookout does not write`);
  return keptLabels(file, at, labels);
}

/** Sloth's rule group intervals (rule_intervals, an SLO's interval): lookout sets its own. */
export function intervalsLeftOut(file: SpecFile, where: Where, what: string, owner: string): void {
  file.report(
    'warning',
    IMPORT_CODES.changed,
    where,
    `${what} left out: lookout evaluates the rules of ${owner} at the project's evaluationInterval (its long windows every ${LONG_GROUP_INTERVAL}), and its generated tests rely on those intervals`,
    'set evaluationInterval in lookout.config.ts to change it for the whole project',
  );
}

/** A group's effects under an SLO's own: the SLO's labels win, as in Sloth's chain order. */
export function mergeEffects(group: PluginEffects, own: PluginEffects): PluginEffects {
  return { labels: { ...group.labels, ...own.labels }, alertFor: group.alertFor || own.alertFor };
}
