import { z } from 'zod';
import { nonEmpty } from '../fields.js';
import { IMPORT_CODES, type SpecFile } from '../specFile.js';
import { isMapping, refHint, reportLeftOut, reportUnread, withoutNulls, type At } from './fields.js';
import { metadata, type OpenSLOObject } from './objects.js';
import { tierSeverity } from './severity.js';
import { shorthandMs } from './window.js';

/**
 * OpenSLO v1 AlertPolicy and AlertCondition objects, read down to the burn-rate conditions
 * they alert on. Policies and conditions are named from SLOs (`alertPolicyRef`,
 * `conditionRef`) or written inline; each is read once however many SLOs use it.
 */

/** A burn-rate AlertCondition: fire when the SLO burns `threshold` times too fast over `lookback`. */
export interface BurnRateCondition {
  name: string;
  threshold: number;
  lookback: string;
  lookbackMs: number;
  alertAfter: string | undefined;
  alertAfterMs: number;
  severity: 'page' | 'ticket';
  at: At;
}

const conditionSpec = z.object({
  description: z.string().optional(),
  severity: nonEmpty,
  condition: z.object({
    kind: z.string().optional(),
    op: z.string().optional(),
    threshold: z.number().gt(0, { error: 'must be a burn rate above 0' }),
    lookbackWindow: z.string(),
    alertAfter: z.string().optional(),
  }),
});

const policySpec = z.object({
  description: z.string().optional(),
  alertWhenNoData: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  alertWhenBreaching: z.boolean().optional(),
  conditions: z.array(z.unknown()).min(1, { error: 'must list the alert condition' }),
  notificationTargets: z.array(z.unknown()).optional(),
});

const inline = z.object({ kind: z.string(), metadata, spec: z.unknown() });

const DOCUMENTARY = "lookout's burn-rate alerts take their names, text and labels from the SLO";

export class AlertPolicies {
  private readonly conditionsOf = new Map<OpenSLOObject, BurnRateCondition[] | undefined>();
  private readonly conditionRead = new Map<OpenSLOObject, BurnRateCondition | undefined>();

  constructor(
    private readonly file: SpecFile,
    private readonly policies: ReadonlyMap<string, OpenSLOObject>,
    private readonly conditions: ReadonlyMap<string, OpenSLOObject>,
  ) {}

  /** The burn-rate conditions of an SLO's `alertPolicies`; undefined when one cannot be imported. */
  ofSLO(list: readonly unknown[], at: At): BurnRateCondition[] | undefined {
    let ok = true;
    const out: BurnRateCondition[] = [];
    list.forEach((entry, i) => {
      const got = this.policyEntry(entry, (...p) => at(i, ...p));
      if (got) out.push(...got);
      else ok = false;
    });
    return ok ? out : undefined;
  }

  /** Policies and conditions of the file no SLO uses: nothing would alert on them. */
  unused(): OpenSLOObject[] {
    return [...this.policies.values()].filter((p) => !this.conditionsOf.has(p)).concat([...this.conditions.values()].filter((c) => !this.conditionRead.has(c)));
  }

  private policyEntry(entry: unknown, at: At): BurnRateCondition[] | undefined {
    // oslo's own test inputs list policies by bare name.
    if (typeof entry === 'string') return this.byName(this.policies, 'AlertPolicy', entry, at, (p) => this.policy(p));
    return this.refOrInline(entry, at, { refKey: 'alertPolicyRef', refPhrase: 'an alertPolicyRef', kind: 'AlertPolicy', objects: this.policies, read: (p) => this.policy(p) });
  }

  private conditionEntry(entry: unknown, at: At): BurnRateCondition | undefined {
    return this.refOrInline(entry, at, { refKey: 'conditionRef', refPhrase: 'a conditionRef', kind: 'AlertCondition', objects: this.conditions, read: (c) => this.condition(c) });
  }

  /** An entry that names an object of the file by `refKey`, or writes one of `kind` inline. */
  private refOrInline<T>(entry: unknown, at: At, of: { refKey: string; refPhrase: string; kind: string; objects: ReadonlyMap<string, OpenSLOObject>; read: (o: OpenSLOObject) => T | undefined }): T | undefined {
    const ref = isMapping(entry) ? entry[of.refKey] : undefined;
    if (isMapping(entry) && typeof ref === 'string') {
      reportUnread(this.file, at(), entry, [of.refKey]);
      return this.byName(of.objects, of.kind, ref, (...p) => at(of.refKey, ...p), of.read);
    }
    if (isMapping(entry) && entry.kind === of.kind) {
      const obj = this.inline(entry, at);
      return obj && of.read(obj);
    }
    this.file.error(at(), `must be ${of.refPhrase} or an ${of.kind} written inline (kind: ${of.kind}, metadata, spec)`);
    return undefined;
  }

  private byName<T>(objects: ReadonlyMap<string, OpenSLOObject>, kind: string, name: string, at: At, read: (o: OpenSLOObject) => T | undefined): T | undefined {
    const found = objects.get(name);
    if (!found) {
      this.file.error(at(), `no ${kind} named "${name}" in ${this.file.inputName}`, refHint(kind));
      return undefined;
    }
    return read(found);
  }

  private inline(entry: Record<string, unknown>, at: At): OpenSLOObject | undefined {
    const value = withoutNulls(entry);
    const obj = this.file.validate(inline, at(), value);
    if (!obj) return undefined;
    reportUnread(this.file, at(), value, inline);
    reportUnread(this.file, at('metadata'), entry.metadata, metadata);
    return { version: 'v1', kind: obj.kind, name: obj.metadata.name, metadata: obj.metadata, spec: obj.spec, at };
  }

  private policy(p: OpenSLOObject): BurnRateCondition[] | undefined {
    if (this.conditionsOf.has(p)) return this.conditionsOf.get(p);
    const read = this.readPolicy(p);
    this.conditionsOf.set(p, read);
    return read;
  }

  private readPolicy(p: OpenSLOObject): BurnRateCondition[] | undefined {
    const { file } = this;
    const spec = file.validate(policySpec, p.at('spec'), p.spec);
    if (!spec) return undefined;
    reportUnread(file, p.at('spec'), p.spec, policySpec);
    reportLeftOut(file, p.at('metadata'), p.metadata, ['displayName', 'labels', 'annotations'], DOCUMENTARY);
    reportLeftOut(file, p.at('spec'), p.spec, ['description'], DOCUMENTARY);
    const warn = (field: string, message: string, hint?: string) => file.report('warning', IMPORT_CODES.changed, p.at('spec', field), message, hint);
    if (spec.notificationTargets?.length) {
      warn('notificationTargets', `AlertPolicy ${p.name}: notificationTargets left out: where alerts go is routing, which lives in lookout's Alertmanager definitions`, 'route on the SLO\'s service, slo and severity labels in your routing module');
    }
    if (spec.alertWhenResolved) warn('alertWhenResolved', `AlertPolicy ${p.name}: alertWhenResolved left out: resolved notifications are a receiver's send_resolved in lookout's routing`);
    if (spec.alertWhenNoData) warn('alertWhenNoData', `AlertPolicy ${p.name}: alertWhenNoData left out: lookout's burn-rate alerts do not fire on missing data`);
    const conditions: BurnRateCondition[] = [];
    let ok = true;
    spec.conditions.forEach((entry, i) => {
      const c = this.conditionEntry(entry, (...q) => p.at('spec', 'conditions', i, ...q));
      if (c) conditions.push(c);
      else ok = false;
    });
    if (!ok) return undefined;
    if (spec.alertWhenBreaching === false) {
      warn('alertWhenBreaching', `AlertPolicy ${p.name} left out: alertWhenBreaching is false, so it never alerts when its conditions breach`);
      return [];
    }
    return conditions;
  }

  private condition(c: OpenSLOObject): BurnRateCondition | undefined {
    if (this.conditionRead.has(c)) return this.conditionRead.get(c);
    const read = this.readCondition(c);
    this.conditionRead.set(c, read);
    return read;
  }

  private readCondition(c: OpenSLOObject): BurnRateCondition | undefined {
    const { file } = this;
    const spec = file.validate(conditionSpec, c.at('spec'), c.spec);
    if (!spec) return undefined;
    const raw = isMapping(c.spec) ? c.spec : {};
    reportUnread(file, c.at('spec'), raw, conditionSpec);
    reportUnread(file, c.at('spec', 'condition'), raw.condition, conditionSpec.shape.condition);
    reportLeftOut(file, c.at('metadata'), c.metadata, ['displayName', 'labels', 'annotations'], DOCUMENTARY);
    reportLeftOut(file, c.at('spec'), raw, ['description'], DOCUMENTARY);
    const cond = spec.condition;
    const kind = cond.kind ?? 'burnrate';
    if (kind.toLowerCase() !== 'burnrate') {
      file.report('error', IMPORT_CODES.unsupported, c.at('spec', 'condition', 'kind'), `AlertCondition ${c.name}: condition kind "${kind}" cannot be imported: lookout alerts on burn rates only`);
      return undefined;
    }
    if (cond.op === 'lt' || cond.op === 'lte') {
      file.report(
        'error',
        IMPORT_CODES.unsupported,
        c.at('spec', 'condition', 'op'),
        `AlertCondition ${c.name}: op ${cond.op} cannot be imported: it alerts while the burn rate stays below ${cond.threshold}, and a burn-rate tier fires when the rate exceeds its threshold`,
        'use op: gt (or leave op out)',
      );
      return undefined;
    }
    if (cond.op !== undefined && cond.op !== 'gt' && cond.op !== 'gte') {
      file.error(c.at('spec', 'condition', 'op'), `"${cond.op}" is not an operator: lt, lte, gt or gte`);
      return undefined;
    }
    const lookbackMs = shorthandMs(file, c.at('spec', 'condition', 'lookbackWindow'), cond.lookbackWindow);
    const alertAfterMs = cond.alertAfter === undefined ? 0 : shorthandMs(file, c.at('spec', 'condition', 'alertAfter'), cond.alertAfter);
    if (lookbackMs === undefined || alertAfterMs === undefined) return undefined;
    return {
      name: c.name,
      threshold: cond.threshold,
      lookback: cond.lookbackWindow,
      lookbackMs,
      alertAfter: cond.alertAfter,
      alertAfterMs,
      severity: tierSeverity(file, c.at('spec', 'severity'), spec.severity, lookbackMs, cond.lookbackWindow),
      at: c.at,
    };
  }
}
