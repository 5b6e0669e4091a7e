import type { AlertInterval, Delivered, Expectation, Phase } from './report/types.js';
import { ANY_ALERT, type ExpectationSpec } from './scenario.js';

/** The phase label every scenario has: when traffic started. */
export const START_PHASE = 'start';

/** What the checker judges a run by: when its phases happened, what was delivered, what Prometheus had firing. */
export interface RunRecord {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly phases: readonly Phase[];
  readonly notifications: readonly Delivered[];
  readonly alertStates: readonly AlertInterval[];
}

const subset = (want: Readonly<Record<string, string>> | undefined, have: Readonly<Record<string, string>>) =>
  Object.entries(want ?? {}).every(([k, v]) => have[k] === v);

const matches = (spec: { alertname: string; labels?: Readonly<Record<string, string>> | undefined }, alertname: string, labels: Readonly<Record<string, string>>) =>
  (spec.alertname === ANY_ALERT || spec.alertname === alertname) && subset(spec.labels, labels);

const describe = (spec: { alertname: string; labels?: Readonly<Record<string, string>> | undefined }) => {
  const labels = Object.entries(spec.labels ?? {}).map(([k, v]) => `${k}="${v}"`);
  const name = spec.alertname === ANY_ALERT ? 'any alert' : spec.alertname;
  return labels.length ? `${name}{${labels.join(', ')}}` : name;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function checkFires(spec: Extract<ExpectationSpec, { kind: 'fires' }>, run: RunRecord): Expectation {
  const base = { kind: 'fires' as const, alertname: spec.alertname, labels: spec.labels, receiver: spec.receiver, after: spec.after, withinMs: spec.withinMs };
  const phase = spec.after === START_PHASE ? { at: run.startedAt } : run.phases.find((p) => p.label === spec.after);
  if (!phase) return { ...base, met: false, timeToFireMs: undefined, detail: `no phase "${spec.after}" happened in this run` };
  const firing = run.notifications.filter((n) => n.status === 'firing' && matches(spec, n.alertname, n.labels));
  const hit = firing.find((n) => n.receiver === spec.receiver && n.at >= phase.at);
  if (hit) {
    const timeToFireMs = hit.at - phase.at;
    const met = timeToFireMs <= spec.withinMs;
    return { ...base, met, timeToFireMs, detail: `${describe(spec)} reached ${spec.receiver} ${seconds(timeToFireMs)} after "${spec.after}" (deadline ${seconds(spec.withinMs)})` };
  }
  const elsewhere = [...new Set(firing.filter((n) => n.at >= phase.at).map((n) => n.receiver))];
  const inPrometheus = run.alertStates.some((a) => a.state === 'firing' && matches(spec, a.alertname, a.labels) && (a.to ?? run.endedAt) >= phase.at);
  const why = elsewhere.length
    ? `it reached ${elsewhere.join(', ')} instead`
    : inPrometheus
      ? 'it fired in Prometheus but no notification reached any receiver (inhibited, silenced or routed nowhere)'
      : 'it never fired in Prometheus';
  return { ...base, met: false, timeToFireMs: undefined, detail: `${describe(spec)} never reached ${spec.receiver} after "${spec.after}": ${why}` };
}

function checkQuiet(spec: Extract<ExpectationSpec, { kind: 'quiet' }>, run: RunRecord): Expectation {
  const base = { kind: 'quiet' as const, alertname: spec.alertname, labels: spec.labels };
  const delivered = run.notifications.filter((n) => n.at >= run.startedAt && n.at <= run.endedAt && matches(spec, n.alertname, n.labels));
  if (delivered.length) {
    const first = delivered[0]!;
    const what = [...new Set(delivered.map((n) => `${n.alertname} → ${n.receiver} (${n.status})`))];
    return { ...base, met: false, detail: `${describe(spec)} was delivered ${delivered.length} time(s), first ${seconds(first.at - run.startedAt)} into the run: ${what.join('; ')}` };
  }
  const fired = run.alertStates.filter((a) => a.state === 'firing' && matches(spec, a.alertname, a.labels));
  const note = fired.length ? `; it fired in Prometheus (${[...new Set(fired.map((a) => a.alertname))].join(', ')}) and was held back before any receiver` : '';
  return { ...base, met: true, detail: `${describe(spec)} reached no receiver${note}` };
}

/** Judges each of a scenario's demands against what the run recorded, in the scenario's order. */
export function checkExpectations(specs: readonly ExpectationSpec[], run: RunRecord): Expectation[] {
  return specs.map((spec) => (spec.kind === 'fires' ? checkFires(spec, run) : checkQuiet(spec, run)));
}
