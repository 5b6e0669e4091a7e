import { EvaluationError } from './errors.js';
import { compareLabels, dropMetricName, fromRecord, labelsKey, METRIC_NAME, setLabels, toRecord, type Labels } from './labelSet.js';
import type { Written } from './ruleOutput.js';
import type { AlertState, SimAlert, SimAlertingRule } from './simRules.js';
import type { Sample } from './values.js';

/** ActiveAt of a resolved alert is forgotten 15 minutes after resolution. */
const RESOLVED_RETENTION_MS = 15 * 60_000;

interface AlertInstance {
  labels: Labels;
  state: AlertState;
  value: number;
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
  keepFiringSince?: number;
  /** The labels of its ALERTS series per state and of its ALERTS_FOR_STATE series, built once. */
  seriesLabels?: { alerts: Map<AlertState, Labels>; forState: Labels };
}

/** One alerting rule's alerts across evaluations: Prometheus 2.42's AlertingRule. */
export class AlertingState {
  readonly active = new Map<string, AlertInstance>();

  constructor(readonly rule: SimAlertingRule) {}

  /** AlertingRule.Eval: returns the ALERTS and ALERTS_FOR_STATE samples. */
  eval(result: readonly Sample[], ts: number): Written[] {
    const rule = this.rule;
    const fresh = new Map<string, AlertInstance>();
    for (const sample of result) {
      const extra = rule.renderLabels ? rule.renderLabels(toRecord(sample.labels), sample.value) : (rule.labels ?? {});
      let labels = setLabels(dropMetricName(sample.labels), extra);
      labels = setLabels(labels, { alertname: rule.alert });
      const key = labelsKey(labels);
      if (fresh.has(key)) throw new EvaluationError('vector contains metrics with the same labelset after applying alert labels');
      fresh.set(key, { labels, state: 'pending', value: sample.value, activeAt: ts });
    }
    for (const [key, alert] of fresh) {
      const existing = this.active.get(key);
      if (existing && existing.state !== 'inactive') {
        existing.value = alert.value;
        continue;
      }
      this.active.set(key, alert);
    }
    const out: Written[] = [];
    const hold = rule.forMs ?? 0;
    const keepFiringFor = rule.keepFiringForMs ?? 0;
    for (const [key, a] of [...this.active]) {
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && keepFiringFor > 0) {
          a.keepFiringSince ??= ts;
          if (ts - a.keepFiringSince < keepFiringFor) keepFiring = true;
        }
        if (a.state === 'pending' || (a.resolvedAt !== undefined && ts - a.resolvedAt > RESOLVED_RETENTION_MS)) {
          this.active.delete(key);
        }
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else {
        a.keepFiringSince = undefined;
      }
      if (a.state === 'pending' && ts - a.activeAt >= hold) {
        a.state = 'firing';
        a.firedAt = ts;
      }
      const labels = this.seriesLabels(a);
      let alerts = labels.alerts.get(a.state);
      if (!alerts) labels.alerts.set(a.state, (alerts = setLabels(labels.forState, { [METRIC_NAME]: 'ALERTS', alertstate: a.state })));
      out.push({ labels: alerts, value: 1 });
      out.push({ labels: labels.forState, value: Math.floor(a.activeAt / 1000) });
    }
    return out;
  }

  /** An alert's labels never change, so neither do its series' labels: built once per alert. */
  private seriesLabels(a: AlertInstance): NonNullable<AlertInstance['seriesLabels']> {
    if (!a.seriesLabels) {
      // ALERTS starts from the unexpanded rule labels, then the alert's own labels win.
      const base = setLabels(fromRecord(this.rule.labels ?? {}), Object.fromEntries(a.labels));
      a.seriesLabels = { alerts: new Map(), forState: setLabels(base, { [METRIC_NAME]: 'ALERTS_FOR_STATE', alertname: this.rule.alert }) };
    }
    return a.seriesLabels;
  }

  /** ActiveAlerts(): everything not resolved, sorted by labels for stable output. */
  snapshot(): SimAlert[] {
    if (this.active.size === 0) return [];
    return [...this.active.values()]
      .filter((a) => a.resolvedAt === undefined)
      .sort((x, y) => compareLabels(x.labels, y.labels))
      .map((a) => ({
        labels: toRecord(a.labels),
        state: a.state,
        value: a.value,
        activeAtMs: a.activeAt,
        ...(a.firedAt !== undefined ? { firedAtMs: a.firedAt } : {}),
        ...(a.keepFiringSince !== undefined ? { keepFiringSinceMs: a.keepFiringSince } : {}),
      }));
  }
}
