import { identityLabels, instanceKey, labelText, matchesAlert } from './labels.js';
import type { Delivered, Expectation, LedgerReconciliation, ScenarioRun } from './types.js';

/**
 * What a reviewer wants from a run before looking at any plot: did it pass, which alerts
 * were expected, which fired, which reached which receiver, how long each took, and whether
 * anyone was paged for nothing. Every time is in ms since the run started (`…AtMs`) or a
 * duration in real ms; `…ShippedMs` is the same duration in shipped time (times `timeScale`).
 */
export interface ScenarioSummary {
  /**
   * `pass` when every expectation is met, no page went out that no expectation asked for and,
   * where the scenario reconciles the ledger, nothing was lost.
   */
  readonly verdict: 'pass' | 'fail';
  readonly durationMs: number;
  readonly shippedDurationMs: number;
  readonly expectations: { readonly total: number; readonly met: number; readonly unmet: number; readonly rows: readonly ExpectationRow[] };
  readonly alerts: {
    /** The alerts some `fires` expectation names, as `name{labels}` (the labels it gives). */
    readonly expected: readonly string[];
    /** Alert instances that reached `firing` in Prometheus. */
    readonly fired: readonly AlertTimeline[];
    /** Alert instances that were pending but never fired. */
    readonly pendingOnly: readonly AlertTimeline[];
    /** Notifications per receiver, as the local webhook recorded them. */
    readonly deliveredByReceiver: Readonly<Record<string, ReceiverDeliveries>>;
  };
  /** Firing notifications of `severity="page"` alerts that no `fires` expectation names, to any receiver. */
  readonly falsePages: readonly FalsePage[];
  readonly requests: { readonly total: number; readonly byOutcome: Readonly<Record<string, number>> };
  /** The ledger against the answers, for scenarios that reconcile it; null otherwise. */
  readonly ledger: LedgerReconciliation | null;
}

/** One expectation with the figures behind its verdict. */
export interface ExpectationRow {
  readonly kind: Expectation['kind'];
  /** `name{labels}`, the labels being those the expectation gives. */
  readonly alert: string;
  readonly receiver: string | null;
  readonly after: string | null;
  /** Where `after` falls in the run; null for quiet expectations. */
  readonly afterAtMs: number | null;
  readonly withinMs: number | null;
  readonly met: boolean;
  readonly detail: string;
  /**
   * From `after` to the first firing notification at `receiver`: the runner's figure when it
   * gave one, otherwise measured from the recorded notifications (then it may be past the deadline).
   */
  readonly timeToFireMs: number | null;
  readonly timeToFireShippedMs: number | null;
  /** From `after` to the alert entering `firing` in Prometheus: the part of time to fire spent before Alertmanager. */
  readonly firingAfterMs: number | null;
  /** Firing notifications of the alert: at `receiver` for `fires`, at any receiver for `quiet`. */
  readonly deliveries: number;
}

/** One alert instance's course in Prometheus. */
export interface AlertTimeline {
  readonly alert: string;
  readonly alertname: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly pendingAtMs: number | null;
  readonly firingAtMs: number | null;
  /** When it last stopped firing; null when it never fired or was still firing at the end. */
  readonly resolvedAtMs: number | null;
  readonly firingIntervals: number;
  /** Whether some `fires` expectation names this instance. */
  readonly expected: boolean;
}

/** What one receiver was sent: counts, and per alert instance how often and from when. */
export interface ReceiverDeliveries {
  readonly notifications: number;
  readonly firing: number;
  readonly resolved: number;
  readonly alerts: readonly { readonly alert: string; readonly firing: number; readonly resolved: number; readonly firstAtMs: number }[];
}

/** One notification that paged without an expectation asking for it. */
export interface FalsePage {
  readonly atMs: number;
  readonly receiver: string;
  readonly alert: string;
}

/**
 * Where an expectation's `after` falls, in Unix ms: the first phase with that label, or the
 * start of the run for any label that names no phase (the runner's "start").
 */
export function phaseAt(run: ScenarioRun, label: string): number {
  return run.phases.find((p) => p.label === label)?.at ?? run.startedAt;
}

function expectationAlert(e: Expectation): string {
  return `${e.alertname}{${labelText(e.labels ?? {})}}`;
}

/** Firing notifications of the alert `e` names, oldest first. */
function firingDeliveries(run: ScenarioRun, e: Expectation, receiver?: string): Delivered[] {
  return run.notifications
    .filter((d) => d.status === 'firing' && (receiver === undefined || d.receiver === receiver) && matchesAlert(e, d.alertname, d.labels))
    .sort((a, b) => a.at - b.at);
}

function expectationRow(run: ScenarioRun, e: Expectation): ExpectationRow {
  const alert = expectationAlert(e);
  if (e.kind === 'quiet') {
    return { kind: e.kind, alert, receiver: null, after: null, afterAtMs: null, withinMs: null, met: e.met, detail: e.detail, timeToFireMs: null, timeToFireShippedMs: null, firingAfterMs: null, deliveries: firingDeliveries(run, e).length };
  }
  const afterAt = phaseAt(run, e.after);
  const delivered = firingDeliveries(run, e, e.receiver);
  const measured = delivered.find((d) => d.at >= afterAt);
  const timeToFireMs = e.timeToFireMs ?? (measured ? measured.at - afterAt : null);
  const firing = run.alertStates
    .filter((s) => s.state === 'firing' && matchesAlert(e, s.alertname, s.labels) && (s.to ?? run.endedAt) >= afterAt)
    .sort((a, b) => a.from - b.from)[0];
  return {
    kind: e.kind,
    alert,
    receiver: e.receiver,
    after: e.after,
    afterAtMs: afterAt - run.startedAt,
    withinMs: e.withinMs,
    met: e.met,
    detail: e.detail,
    timeToFireMs,
    timeToFireShippedMs: timeToFireMs === null ? null : timeToFireMs * run.timeScale,
    firingAfterMs: firing ? Math.max(0, firing.from - afterAt) : null,
    deliveries: delivered.length,
  };
}

/** Every alert instance seen in ALERTS, in name-then-labels order, with its first and last transitions. */
export function alertTimelines(run: ScenarioRun): AlertTimeline[] {
  const byKey = new Map<string, { -readonly [K in keyof AlertTimeline]: AlertTimeline[K] }>();
  const sorted = [...run.alertStates].sort((a, b) => a.from - b.from);
  for (const s of sorted) {
    const key = instanceKey(s.alertname, s.labels);
    let t = byKey.get(key);
    if (!t) {
      t = { alert: key, alertname: s.alertname, labels: identityLabels(s.labels), pendingAtMs: null, firingAtMs: null, resolvedAtMs: null, firingIntervals: 0, expected: run.expectations.some((e) => e.kind === 'fires' && matchesAlert(e, s.alertname, s.labels)) };
      byKey.set(key, t);
    }
    const from = s.from - run.startedAt;
    if (s.state === 'pending') t.pendingAtMs ??= from;
    else {
      t.firingAtMs ??= from;
      t.firingIntervals++;
      t.resolvedAtMs = s.to === undefined ? null : s.to - run.startedAt;
    }
  }
  return [...byKey.values()].sort((a, b) => compareText(a.alert, b.alert));
}

function deliveriesByReceiver(run: ScenarioRun): Record<string, ReceiverDeliveries> {
  const out: Record<string, ReceiverDeliveries> = {};
  const receivers = [...new Set(run.notifications.map((d) => d.receiver))].sort(compareText);
  for (const receiver of receivers) {
    const mine = run.notifications.filter((d) => d.receiver === receiver);
    const alerts = new Map<string, { alert: string; firing: number; resolved: number; firstAtMs: number }>();
    for (const d of mine) {
      const key = instanceKey(d.alertname, d.labels);
      const a = alerts.get(key) ?? { alert: key, firing: 0, resolved: 0, firstAtMs: d.at - run.startedAt };
      a.firstAtMs = Math.min(a.firstAtMs, d.at - run.startedAt);
      if (d.status === 'firing') a.firing++;
      else a.resolved++;
      alerts.set(key, a);
    }
    out[receiver] = {
      notifications: mine.length,
      firing: mine.filter((d) => d.status === 'firing').length,
      resolved: mine.filter((d) => d.status === 'resolved').length,
      alerts: [...alerts.values()].sort((a, b) => compareText(a.alert, b.alert)),
    };
  }
  return out;
}

/**
 * A page nobody expected: a firing notification of an alert labelled `severity="page"` that
 * no `fires` expectation names. The receiver does not matter (a page reaches the pager, the
 * channel and the incident log); a resolved notification is not a page.
 */
export function falsePages(run: ScenarioRun): FalsePage[] {
  const fires = run.expectations.filter((e) => e.kind === 'fires');
  return run.notifications
    .filter((d) => d.status === 'firing' && d.labels.severity === 'page' && !fires.some((e) => matchesAlert(e, d.alertname, d.labels)))
    .map((d) => ({ atMs: d.at - run.startedAt, receiver: d.receiver, alert: instanceKey(d.alertname, d.labels) }))
    .sort((a, b) => a.atMs - b.atMs || compareText(a.receiver, b.receiver) || compareText(a.alert, b.alert));
}

/** The computed summary of one run; pure, so the same run always gives the same summary. */
export function summarizeRun(run: ScenarioRun): ScenarioSummary {
  const rows = run.expectations.map((e) => expectationRow(run, e));
  const met = rows.filter((r) => r.met).length;
  const timelines = alertTimelines(run);
  const pages = falsePages(run);
  const durationMs = Math.max(0, run.endedAt - run.startedAt);
  const byOutcome: Record<string, number> = {};
  for (const k of Object.keys(run.requests).sort(compareText)) byOutcome[k] = run.requests[k]!;
  return {
    verdict: met === rows.length && pages.length === 0 && (run.ledger?.met ?? true) ? 'pass' : 'fail',
    durationMs,
    shippedDurationMs: durationMs * run.timeScale,
    expectations: { total: rows.length, met, unmet: rows.length - met, rows },
    alerts: {
      expected: [...new Set(run.expectations.filter((e) => e.kind === 'fires').map(expectationAlert))].sort(compareText),
      fired: timelines.filter((t) => t.firingIntervals > 0),
      pendingOnly: timelines.filter((t) => t.firingIntervals === 0),
      deliveredByReceiver: deliveriesByReceiver(run),
    },
    falsePages: pages,
    requests: { total: Object.values(run.requests).reduce((a, b) => a + b, 0), byOutcome },
    ledger: run.ledger ?? null,
  };
}

/** Code-point order, the same on every machine (localeCompare depends on the locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
