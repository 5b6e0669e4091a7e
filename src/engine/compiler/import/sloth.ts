import type { ImportedAlerting, ImportedSLO, ImportedTier, SourceQuery, SourceSLI } from './model.js';
import { hasWindow, windowed } from './model.js';
import { description, importedAlertName, keptAnnotations, keptLabels, labelValueName } from './normalize.js';
import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from './specFile.js';
import { crdSchema, isCRD, reportCRDLeftovers } from './sloth/crd.js';
import { readKnownFields } from './sloth/knownFields.js';
import { applyPlugins, infoLabels, intervalsLeftOut, mergeEffects, type PluginEffects } from './sloth/plugins.js';
import { reportSlothLabels } from './sloth/routeLabels.js';
import { specSchema, type SlothAlert, type SlothGroup, type SlothPlugins, type SlothSLO } from './sloth/schema.js';
import { pick, spelled, type Dialect } from './sloth/spellings.js';
import { importedTiers } from './sloth/tiers.js';
import { baseTiers, isAlertWindows, slothWindows, type SlothWindows, type SlothWindowsOptions } from './sloth/windows.js';

export { SLOTH_PERIOD } from './sloth/windows.js';

type At = (...p: FieldPath) => Where;

/** Sloth requires the placeholder in every query, as lookout does: it is what each window varies. */
function sourceQuery(file: SpecFile, where: Where, label: string, text: string): SourceQuery | undefined {
  if (!hasWindow(text)) {
    file.error(where, 'the query has no {{.window}} placeholder, so it cannot be evaluated over each window', 'write the range as [{{.window}}], as Sloth requires');
    return undefined;
  }
  return { where, label, original: text, windowed: windowed(text) };
}

/** A query Sloth spells two ways, required once its SLI kind is chosen. */
function query(file: SpecFile, at: At, dialect: Dialect, parent: FieldPath, fields: Readonly<Record<string, string | undefined>>, name: string): SourceQuery | undefined {
  const { value, key } = pick<string>(file, at, dialect, parent, fields, name);
  if (value === undefined) {
    file.error(at(...parent, key), 'is required');
    return undefined;
  }
  return sourceQuery(file, at(...parent, key), key, value);
}

function sli(file: SpecFile, at: At, dialect: Dialect, s: SlothSLO['sli'], slo: string): SourceSLI | undefined {
  if (s.plugin !== undefined) {
    file.report(
      'error',
      IMPORT_CODES.unsupported,
      at('sli', 'plugin'),
      `Sloth SLI plugin "${s.plugin.id}" of SLO "${slo}" cannot be imported: its queries are written by the plugin's Go code, not in the spec`,
      'replace sli.plugin with sli.events queries, or write the SLO in TypeScript',
    );
    return undefined;
  }
  if (s.events && s.raw) {
    file.error(at('sli'), 'give either sli.events or sli.raw, not both');
    return undefined;
  }
  if (s.events) {
    const errors = query(file, at, dialect, ['sli', 'events'], s.events, 'error_query');
    const total = query(file, at, dialect, ['sli', 'events'], s.events, 'total_query');
    return errors && total ? { kind: 'events', errors, total } : undefined;
  }
  if (s.raw) {
    const errorRatio = query(file, at, dialect, ['sli', 'raw'], s.raw, 'error_ratio_query');
    return errorRatio ? { kind: 'error-ratio', errorRatio } : undefined;
  }
  file.error(at('sli'), `is required: give sli.events (${spelled(dialect, 'error_query')} and ${spelled(dialect, 'total_query')}) or sli.raw (${spelled(dialect, 'error_ratio_query')})`);
  return undefined;
}

function alerting(file: SpecFile, at: At, dialect: Dialect, s: SlothSLO, ids: { service: string; name: string }, windows: SlothWindows, effects: PluginEffects): ImportedAlerting | false {
  const a = s.alerting;
  const atAlerting = (...p: FieldPath) => at('alerting', ...p);
  const alerts = (['page', 'ticket'] as const).map((severity) => {
    const { value, key } = pick<SlothAlert>(file, atAlerting, dialect, [], a ?? {}, `${severity}_alert`);
    return { severity, key, alert: value };
  });
  const base: ImportedTier[] = baseTiers(windows);
  const tiers = importedTiers(file, atAlerting, base, windows.tiers !== undefined, alerts, effects.alertFor);
  if (tiers === false) {
    // Sloth writes no alert at all then: what would have been on the alerts has nowhere to go.
    for (const field of ['labels', 'annotations'] as const) {
      if (Object.keys(a?.[field] ?? {}).length > 0) file.report('warning', IMPORT_CODES.changed, atAlerting(field), `alerting.${field} left out: both alerts are disabled`);
    }
    return false;
  }
  const { annotations, runbook } = keptAnnotations(file, atAlerting('annotations'), a?.annotations);
  const out: ImportedAlerting = {
    name: importedAlertName(file, atAlerting('name'), a?.name, ids.service, ids.name),
    labels: keptLabels(file, atAlerting('labels'), a?.labels),
    annotations,
  };
  if (runbook !== undefined) out.runbook = runbook;
  if (tiers) out.tiers = tiers;
  return out;
}

/** Fields of older prometheus/v1 specs that now are plugins: applied as those plugins are. */
function legacyFields(file: SpecFile, at: At, s: SlothSLO, owner: string): Record<string, string> {
  if (s.interval !== undefined) intervalsLeftOut(file, at('interval'), 'interval', owner);
  return s.infoLabels === undefined ? {} : infoLabels(file, at('infoLabels'), at('infoLabels'), 'infoLabels', s.infoLabels, owner);
}

/** The SLOs of one service: a plain spec, or the `spec` of a CRD. */
function readGroup(file: SpecFile, at: At, dialect: Dialect, group: SlothGroup, windows: SlothWindows): ImportedSLO[] {
  const out: ImportedSLO[] = [];
  const service = labelValueName(file, at('service'), 'service', group.service);
  const common = keptLabels(file, at('labels'), group.labels);
  const groupPlugins = pick<SlothPlugins>(file, at, dialect, [], group, 'slo_plugins');
  const groupEffects = applyPlugins(file, (...p) => at(groupPlugins.key, ...p), groupPlugins.value, `every SLO of service "${service}"`);
  group.slos.forEach((s, i) => {
    const atSLO = (...p: FieldPath) => at('slos', i, ...p);
    const name = labelValueName(file, atSLO('name'), 'SLO', s.name);
    const owner = `SLO "${service}/${name}"`;
    const own = applyPlugins(file, (...p) => atSLO('plugins', ...p), s.plugins, owner);
    const indicator = sli(file, atSLO, dialect, s.sli, `${service}/${name}`);
    if (!indicator || !own || !groupEffects) return;
    // overridePrevious on an SLO's own chain drops its service's chain, as in Sloth.
    const effects = s.plugins?.overridePrevious ? own : mergeEffects(groupEffects, own);
    const labels = { ...common, ...keptLabels(file, atSLO('labels'), s.labels), ...legacyFields(file, atSLO, s, owner), ...effects.labels };
    out.push({
      where: atSLO(),
      service,
      name,
      description: description(s.description, name, file.sourceOf(at().doc)),
      objective: s.objective,
      period: windows.period,
      labels,
      sli: indicator,
      alerting: alerting(file, atSLO, dialect, s, { service, name }, windows, effects),
    });
  });
  return out;
}

/**
 * Reads Sloth specs: plain `prometheus/v1` documents and Kubernetes `PrometheusServiceLevel`
 * resources, any number per file. Each SLO's events or raw SLI becomes lookout's, its page and
 * ticket alerts lookout's page and ticket tiers (the windows of --windows or --period, as
 * Sloth's --slo-period-windows-path and --default-slo-period), its plugins applied or refused
 * (sloth/plugins.ts). Every key of the input is either read or named in a warning.
 */
export function readSloth(file: SpecFile, options: SlothWindowsOptions & { slothCompat?: boolean | undefined } = {}): ImportedSLO[] {
  const windows = slothWindows(file, options);
  const out: ImportedSLO[] = [];
  for (const { index, value } of file.values()) {
    if (isAlertWindows(value)) {
      file.error(
        { doc: index, path: ['kind'] },
        'this is a Sloth AlertWindows file: it holds the burn-rate windows of an SLO period, not SLOs',
        `import the SLO spec and give this file as its windows: lookout import sloth SPEC --windows ${file.displayOf(index)}`,
      );
      continue;
    }
    if (isCRD(value)) {
      const at = (...p: FieldPath): Where => ({ doc: index, path: p });
      const crd = readKnownFields(file, crdSchema, at(), value, "Sloth's PrometheusServiceLevel");
      if (!crd) continue;
      reportCRDLeftovers(file, at, crd);
      if (windows) out.push(...readGroup(file, (...p) => at('spec', ...p), 'crd', crd.spec, windows));
    } else {
      const at = (...p: FieldPath): Where => ({ doc: index, path: p });
      const spec = readKnownFields(file, specSchema, at(), value, 'a Sloth prometheus/v1 spec');
      if (spec && windows) out.push(...readGroup(file, at, 'prometheus/v1', spec, windows));
    }
  }
  // With --sloth-compat the SLOs keep Sloth's labels and series: nothing to warn about.
  if (out[0] && !options.slothCompat) reportSlothLabels(file, { ...out[0].where, path: [...out[0].where.path, 'name'] });
  return out;
}
