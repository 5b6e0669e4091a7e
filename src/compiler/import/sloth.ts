import { z } from 'zod';
import { DEFAULT_TIERS } from '../../toolkit/slo/tiers.js';
import type { Severity } from '../../toolkit/alerts/define.js';
import { nonEmpty, scalar } from './fields.js';
import { hasWindow, windowed, type ImportedAlerting, type ImportedSLO, type SourceQuery, type SourceSLI, type TierChanges } from './model.js';
import { description, importedAlertName, keptAnnotations, keptLabels, labelValueName } from './normalize.js';
import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from './specFile.js';

/** Sloth's default SLO period: its spec has no field for it. */
export const SLOTH_PERIOD = '30d';

const stringMap = z.record(z.string(), scalar).optional();
const query = nonEmpty;

const alert = z
  .object({
    disable: z.boolean().optional(),
    labels: stringMap,
    annotations: stringMap,
  })
  .optional();

const slo = z.object({
  name: nonEmpty,
  objective: z
    .number()
    .gt(0, { error: 'must be a percentage above 0 and below 100, such as 99.9' })
    .lt(100, { error: 'must be below 100: an objective of 100% leaves no error budget to alert on' }),
  description: z.string().optional(),
  labels: stringMap,
  sli: z.object({
    events: z.object({ error_query: query, total_query: query }).optional(),
    raw: z.object({ error_ratio_query: query }).optional(),
    plugin: z.unknown().optional(),
  }),
  alerting: z
    .object({
      name: z.string().optional(),
      labels: stringMap,
      annotations: stringMap,
      page_alert: alert,
      ticket_alert: alert,
    })
    .optional(),
});

const spec = z.object({
  version: z.literal('prometheus/v1', { error: 'must be "prometheus/v1" (the only Sloth spec version lookout reads)' }),
  service: nonEmpty,
  labels: stringMap,
  slos: z.array(slo).min(1, { error: 'must list at least one SLO' }),
});

type SlothSLO = z.infer<typeof slo>;

/** The tiers Sloth's page and ticket alerts stand for: lookout's tiers of that severity. */
function tierWindows(severity: Severity): string[] {
  return DEFAULT_TIERS.filter((t) => t.severity === severity).map((t) => t.longWindow);
}

/** Sloth requires the placeholder in every query, as lookout does: it is what each window varies. */
function sourceQuery(file: SpecFile, where: Where, label: string, text: string): SourceQuery | undefined {
  if (!hasWindow(text)) {
    file.error(where, 'the query has no {{.window}} placeholder, so it cannot be evaluated over each window', 'write the range as [{{.window}}], as Sloth requires');
    return undefined;
  }
  return { where, label, original: text, windowed: windowed(text) };
}

function sli(file: SpecFile, at: (...p: FieldPath) => Where, s: SlothSLO['sli']): SourceSLI | undefined {
  if (s.plugin !== undefined) {
    file.report('error', IMPORT_CODES.unsupported, at('sli', 'plugin'), 'Sloth SLI plugins cannot be imported', 'replace the plugin with sli.events queries, or write the SLO in TypeScript');
    return undefined;
  }
  if (s.events && s.raw) {
    file.error(at('sli'), 'give either sli.events or sli.raw, not both');
    return undefined;
  }
  if (s.events) {
    const errors = sourceQuery(file, at('sli', 'events', 'error_query'), 'error_query', s.events.error_query);
    const total = sourceQuery(file, at('sli', 'events', 'total_query'), 'total_query', s.events.total_query);
    return errors && total ? { kind: 'events', errors, total } : undefined;
  }
  if (s.raw) {
    const errorRatio = sourceQuery(file, at('sli', 'raw', 'error_ratio_query'), 'error_ratio_query', s.raw.error_ratio_query);
    return errorRatio ? { kind: 'error-ratio', errorRatio } : undefined;
  }
  file.error(at('sli'), 'is required: give sli.events (error_query and total_query) or sli.raw (error_ratio_query)');
  return undefined;
}

function alerting(file: SpecFile, at: (...p: FieldPath) => Where, a: SlothSLO['alerting'], service: string, name: string): ImportedAlerting | false {
  const tiers: TierChanges = {};
  for (const [key, severity] of [['page_alert', 'page'], ['ticket_alert', 'ticket']] as const) {
    const alert = a?.[key];
    if (!alert) continue;
    if (Object.keys(alert.annotations ?? {}).length > 0) {
      file.report('warning', IMPORT_CODES.changed, at('alerting', key, 'annotations'), `${key} annotations left out: lookout's tiers differ by labels only`, 'move them to alerting.annotations to keep them on every tier');
    }
    const labels = keptLabels(file, at('alerting', key, 'labels'), alert.labels);
    for (const w of tierWindows(severity)) {
      if (alert.disable) tiers[w] = false;
      else if (Object.keys(labels).length > 0) tiers[w] = { labels };
    }
  }
  if (DEFAULT_TIERS.every((t) => tiers[t.longWindow] === false)) return false;
  const { annotations, runbook } = keptAnnotations(file, at('alerting', 'annotations'), a?.annotations);
  const out: ImportedAlerting = {
    name: importedAlertName(file, at('alerting', 'name'), a?.name, service, name),
    labels: keptLabels(file, at('alerting', 'labels'), a?.labels),
    annotations,
  };
  if (runbook !== undefined) out.runbook = runbook;
  if (Object.keys(tiers).length > 0) out.tiers = tiers;
  return out;
}

/**
 * Reads a Sloth `prometheus/v1` spec: one service per YAML document, each SLO's events or raw
 * SLI, and its page and ticket alerts as lookout's page and ticket tiers. The Kubernetes
 * form (`kind: PrometheusServiceLevel`) is read from its `spec`.
 */
export function readSloth(file: SpecFile, source: string): ImportedSLO[] {
  const out: ImportedSLO[] = [];
  for (const { index, value } of file.values()) {
    const crd = typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'PrometheusServiceLevel';
    const root: FieldPath = crd ? ['spec'] : [];
    const at = (...p: FieldPath): Where => ({ doc: index, path: [...root, ...p] });
    const parsed = file.validate(spec, at(), crd ? (value as { spec?: unknown }).spec : value);
    if (!parsed) continue;
    const service = labelValueName(file, at('service'), 'service', parsed.service);
    const common = keptLabels(file, at('labels'), parsed.labels);
    parsed.slos.forEach((s, i) => {
      const atSLO = (...p: FieldPath) => at('slos', i, ...p);
      const name = labelValueName(file, atSLO('name'), 'SLO', s.name);
      const indicator = sli(file, atSLO, s.sli);
      if (!indicator) return;
      out.push({
        where: atSLO(),
        service,
        name,
        description: description(s.description, name, source),
        objective: s.objective,
        period: SLOTH_PERIOD,
        labels: { ...common, ...keptLabels(file, atSLO('labels'), s.labels) },
        sli: indicator,
        alerting: alerting(file, atSLO, s.alerting, service, name),
      });
    });
  }
  return out;
}
