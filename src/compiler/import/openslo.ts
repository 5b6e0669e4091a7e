import { z } from 'zod';
import { unwrapParens } from '../../toolkit/promql/ast.js';
import { parsePromQL } from '../../toolkit/promql/parse.js';
import { printPromQL } from '../../toolkit/promql/print.js';
import { windowName } from '../../toolkit/slo/conventions.js';
import { nonEmpty, scalar } from './fields.js';
import { hasWindow, LOOKOUT_WINDOW, windowed, type ImportedSLO, type SourceQuery, type SourceSLI } from './model.js';
import { description, importedAlertName, keptLabels, labelValueName } from './normalize.js';
import { kebabName } from './names.js';
import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from './specFile.js';

export const OPENSLO_VERSION = 'openslo/v1';
/** lookout's period when an SLO gives no time window. */
const DEFAULT_PERIOD = '30d';
/** Kinds that carry nothing an SLO definition needs; alerting follows lookout's tiers. */
const IGNORED_KINDS = new Set(['Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget']);

const DAY_MS = 24 * 3600_000;
/** OpenSLO's duration-shorthand units with a fixed length; months and quarters have none. */
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3600_000, d: DAY_MS, w: 7 * DAY_MS, Y: 365 * DAY_MS };

const name = nonEmpty;

const envelope = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({
    name,
    displayName: z.string().optional(),
    labels: z.record(z.string(), z.union([scalar, z.array(scalar).transform((v) => v.join(','))], { error: 'must be a string or a list of strings' })).optional(),
  }),
  spec: z.unknown(),
});

const metricSource = z.object({
  metricSource: z.object({
    metricSourceRef: z.string().optional(),
    type: z.string().optional(),
    spec: z.looseObject({ query: z.string().optional() }),
  }),
});

const sliSpec = z.object({
  description: z.string().optional(),
  thresholdMetric: z.unknown().optional(),
  ratioMetric: z
    .object({
      counter: z.boolean().optional(),
      good: metricSource.optional(),
      bad: metricSource.optional(),
      total: metricSource.optional(),
      rawType: z.enum(['success', 'failure']).optional(),
      raw: metricSource.optional(),
    })
    .optional(),
});

const objective = z.object({
  displayName: z.string().optional(),
  target: z.number().gt(0, { error: 'must be a ratio above 0 and below 1, such as 0.999' }).lt(1, { error: 'must be below 1: a target of 1 leaves no error budget to alert on' }).optional(),
  targetPercent: z.number().gt(0, { error: 'must be a percentage above 0 and below 100, such as 99.9' }).lt(100, { error: 'must be below 100: a target of 100% leaves no error budget to alert on' }).optional(),
});

const sloSpec = z.object({
  description: z.string().optional(),
  service: name,
  indicator: z.object({ metadata: z.object({ name: z.string().optional() }).optional(), spec: sliSpec }).optional(),
  indicatorRef: z.string().optional(),
  timeWindow: z
    .array(
      z.object({
        duration: z.string().regex(/^\d+[mhdwMQY]$/, { error: 'must be a duration shorthand such as 28d, 4w or 1Y' }),
        isRolling: z.boolean().optional(),
        calendar: z.unknown().optional(),
      }),
    )
    .length(1, { error: 'must list exactly one window' })
    .optional(),
  budgetingMethod: z.string(),
  objectives: z.array(objective).min(1, { error: 'must list at least one objective' }),
  alertPolicies: z.array(z.unknown()).optional(),
});

type SLISpec = z.infer<typeof sliSpec>;
type Metric = z.infer<typeof metricSource>;

/** An SLI document, or an SLO's inline indicator, with where it is. */
interface Indicator {
  spec: SLISpec;
  at: (...p: FieldPath) => Where;
  /** The SLI's name, for the comment above the SLO. */
  name?: string | undefined;
}

class OpenSLOReader {
  private readonly indicators = new Map<string, Indicator>();
  /** DataSource name → its type, for metric sources that only name one. */
  private readonly sources = new Map<string, string>();
  private readonly slos: { doc: number; name: string; labels: Record<string, string>; spec: unknown; displayName?: string | undefined }[] = [];

  constructor(
    private readonly file: SpecFile,
    private readonly source: string,
  ) {}

  read(): ImportedSLO[] {
    for (const { index, value } of this.file.values()) this.collect(index, value);
    return this.slos.flatMap((s) => this.slo(s.doc, s.name, s.labels, s.spec, s.displayName));
  }

  private collect(doc: number, value: unknown): void {
    const at = (...p: FieldPath): Where => ({ doc, path: p, prefix: `documents[${doc}]` });
    const env = this.file.validate(envelope, at(), value);
    if (!env) return;
    if (env.apiVersion !== OPENSLO_VERSION) {
      this.file.error(at('apiVersion'), `"${env.apiVersion}" is not ${OPENSLO_VERSION}, the only OpenSLO version lookout reads`);
      return;
    }
    const named = (...p: FieldPath): Where => ({ doc, path: p, prefix: `${env.kind}/${env.metadata.name}` });
    switch (env.kind) {
      case 'SLO':
        this.slos.push({ doc, name: env.metadata.name, labels: env.metadata.labels ?? {}, spec: env.spec, displayName: env.metadata.displayName });
        return;
      case 'SLI': {
        const spec = this.file.validate(sliSpec, named('spec'), env.spec);
        if (spec) this.indicators.set(env.metadata.name, { spec, at: (...p) => named('spec', ...p), name: env.metadata.name });
        return;
      }
      case 'DataSource': {
        const type = (env.spec as { type?: unknown } | undefined)?.type;
        if (typeof type === 'string') this.sources.set(env.metadata.name, type);
        return;
      }
      default:
        if (IGNORED_KINDS.has(env.kind)) {
          if (env.kind !== 'Service') this.file.report('warning', IMPORT_CODES.changed, named('kind'), `${env.kind} left out: lookout alerts on every SLO with its multiwindow burn-rate tiers`);
          return;
        }
        this.file.error(at('kind'), `unknown kind "${env.kind}"`, 'OpenSLO v1 kinds: SLO, SLI, DataSource, Service, AlertPolicy, AlertCondition, AlertNotificationTarget');
    }
  }

  private slo(doc: number, sloName: string, metadataLabels: Record<string, string>, value: unknown, displayName: string | undefined): ImportedSLO[] {
    const at = (...p: FieldPath): Where => ({ doc, path: p, prefix: `SLO/${sloName}` });
    const spec = this.file.validate(sloSpec, at('spec'), value);
    if (!spec) return [];
    if (spec.budgetingMethod !== 'Occurrences') {
      this.file.report('error', IMPORT_CODES.unsupported, at('spec', 'budgetingMethod'), `budgetingMethod ${spec.budgetingMethod} cannot be imported: lookout SLOs count good and bad events (Occurrences)`);
      return [];
    }
    const indicator = this.indicator(spec, at);
    const sli = indicator && this.sli(indicator);
    const period = this.period(spec.timeWindow?.[0], at('spec', 'timeWindow', 0));
    const targets = spec.objectives.map((o, i) => this.target(o, at('spec', 'objectives', i)));
    if (!sli || period === undefined || targets.some((t) => t === undefined)) return [];
    if (spec.alertPolicies?.length) {
      this.file.report('warning', IMPORT_CODES.changed, at('spec', 'alertPolicies'), "alertPolicies left out: lookout alerts on every SLO with its multiwindow burn-rate tiers");
    }

    const service = labelValueName(this.file, at('spec', 'service'), 'service', spec.service);
    const base = labelValueName(this.file, at('metadata', 'name'), 'SLO', sloName);
    const labels = keptLabels(this.file, at('metadata', 'labels'), metadataLabels);
    // lookout has one objective per SLO: several become sibling SLOs over the same SLI.
    return spec.objectives.map((o, i) => {
      const name = spec.objectives.length === 1 ? base : `${base}-${o.displayName ? kebabName(o.displayName) : i + 1}`;
      return {
        where: at(),
        service,
        name,
        description: description(spec.description ?? displayName ?? indicator.spec.description, name, this.source),
        objective: targets[i]!,
        period,
        labels,
        sli,
        alerting: { name: importedAlertName(this.file, at('metadata', 'name'), undefined, service, name), labels: {}, annotations: {} },
      };
    });
  }

  private indicator(spec: z.infer<typeof sloSpec>, at: (...p: FieldPath) => Where): Indicator | undefined {
    if (spec.indicator && spec.indicatorRef !== undefined) {
      this.file.error(at('spec', 'indicatorRef'), 'give either indicator or indicatorRef, not both');
      return undefined;
    }
    if (spec.indicator) return { spec: spec.indicator.spec, at: (...p) => at('spec', 'indicator', 'spec', ...p), name: spec.indicator.metadata?.name };
    if (spec.indicatorRef === undefined) {
      this.file.error(at('spec', 'indicator'), 'is required: give an inline indicator or an indicatorRef to an SLI in this file');
      return undefined;
    }
    const found = this.indicators.get(spec.indicatorRef);
    if (!found) this.file.error(at('spec', 'indicatorRef'), `no SLI named "${spec.indicatorRef}" in this file`, 'lookout reads the SLI documents of the same file');
    return found;
  }

  private sli({ spec, at }: Indicator): SourceSLI | undefined {
    const ratio = spec.ratioMetric;
    if (!ratio) {
      if (spec.thresholdMetric !== undefined) this.file.report('error', IMPORT_CODES.unsupported, at('thresholdMetric'), 'threshold metrics cannot be imported: lookout SLIs are ratios of events');
      else this.file.error(at('ratioMetric'), 'is required');
      return undefined;
    }
    const q = (key: 'good' | 'bad' | 'total' | 'raw') => ratio[key] && this.query(ratio[key], key, ratio.counter, at('ratioMetric', key, 'metricSource'));
    if (ratio.raw) {
      if (!ratio.rawType) {
        this.file.error(at('ratioMetric', 'rawType'), 'is required with raw: success or failure');
        return undefined;
      }
      const raw = q('raw');
      if (!raw) return undefined;
      // A success ratio is turned around: lookout's raw SLIs hold the error ratio.
      return { kind: 'error-ratio', errorRatio: ratio.rawType === 'failure' ? raw : { ...raw, windowed: `1 - (${raw.windowed})` } };
    }
    if (!ratio.total || (ratio.good === undefined) === (ratio.bad === undefined)) {
      this.file.error(at('ratioMetric'), 'needs total and exactly one of good or bad (or raw with rawType)');
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

  private query(metric: Metric, label: string, counter: boolean | undefined, where: Where): SourceQuery | undefined {
    const src = metric.metricSource;
    const type = src.type ?? (src.metricSourceRef !== undefined ? this.sources.get(src.metricSourceRef) : undefined);
    if (type === undefined) {
      this.file.error({ ...where, path: [...where.path, 'type'] }, 'is required: give type: Prometheus, or a metricSourceRef to a DataSource in this file');
      return undefined;
    }
    if (type.toLowerCase() !== 'prometheus') {
      this.file.report('error', IMPORT_CODES.unsupported, { ...where, path: [...where.path, 'type'] }, `metric source type ${type} cannot be imported: lookout reads Prometheus queries`);
      return undefined;
    }
    const at = { ...where, path: [...where.path, 'spec', 'query'] };
    const text = src.spec.query?.trim();
    if (!text) {
      this.file.error(at, 'is required: the PromQL query');
      return undefined;
    }
    if (label === 'raw' || hasWindow(text)) return { where: at, label, original: text, windowed: windowed(text) };
    const perWindow = counter ? counterRate(text) : undefined;
    if (perWindow === undefined) {
      this.file.error(
        at,
        counter ? 'the query has no {{.window}} placeholder and is not a counter selector, so it cannot be evaluated over each window' : 'the query has no {{.window}} placeholder and the SLI is not a counter (counter: true)',
        'write sum(rate(<selector>[{{.window}}])), or a counter selector with counter: true',
      );
      return undefined;
    }
    return { where: at, label, original: text, windowed: perWindow };
  }

  private target(o: z.infer<typeof objective>, where: Where): number | undefined {
    if ((o.target === undefined) === (o.targetPercent === undefined)) {
      this.file.error({ ...where, path: [...where.path, 'target'] }, 'give exactly one of target (0.999) or targetPercent (99.9)');
      return undefined;
    }
    return o.targetPercent ?? Number((o.target! * 100).toPrecision(12));
  }

  private period(window: { duration: string; isRolling?: boolean | undefined; calendar?: unknown } | undefined, where: Where): string | undefined {
    if (!window) return DEFAULT_PERIOD;
    const [, count, unit] = /^(\d+)(.)$/.exec(window.duration)!;
    const ms = UNIT_MS[unit!];
    if (ms === undefined) {
      this.file.report('error', IMPORT_CODES.unsupported, { ...where, path: [...where.path, 'duration'] }, `${window.duration}: months and quarters have no fixed length`, 'give the window in days or weeks (30d, 4w)');
      return undefined;
    }
    const period = windowName(Number(count) * ms);
    if (window.isRolling === false || window.calendar !== undefined) {
      this.file.report('warning', IMPORT_CODES.changed, where, `the calendar-aligned window is imported as a rolling ${period} window`, 'lookout SLOs use rolling windows');
    }
    return period;
  }
}

/** `x{...}` or `sum by (l) (x{...})` of a counter: its per-window rate, `sum(rate(x{...}[{{window}}]))`. */
function counterRate(text: string): string | undefined {
  const parsed = parsePromQL(text);
  if (!parsed.ok) return undefined;
  let expr = unwrapParens(parsed.expr);
  let sum = 'sum';
  if (expr.type === 'aggregate' && expr.op === 'sum' && !expr.param) {
    if (expr.grouping) sum = `sum ${expr.grouping.mode} (${expr.grouping.labels.join(', ')}) `;
    expr = unwrapParens(expr.expr);
  }
  if (expr.type !== 'vector' || expr.offsetMs !== undefined || expr.at !== undefined) return undefined;
  return `${sum}(rate(${printPromQL(expr)}[${LOOKOUT_WINDOW}]))`;
}

/**
 * Reads OpenSLO v1 documents: each SLO with its inline indicator or the SLI it names in the
 * same file, its objectives (one lookout SLO each) and its time window. Queries read
 * Prometheus, per `{{.window}}` placeholder as Sloth writes them, or as counter selectors.
 */
export function readOpenSLO(file: SpecFile, source: string): ImportedSLO[] {
  return new OpenSLOReader(file, source).read();
}
