import { fit } from '../../preview/svg.js';
import { identityLabels, instanceKey, matchesAlert } from './labels.js';
import { COLORS, PLOT, PLOT_WIDTH, attrText, esc, n, text, type TimeAxis } from './plotLayout.js';
import { compareText, phaseAt } from './summary.js';
import type { ScenarioRun } from './types.js';

/** Bar height of a pending or firing interval, and of one receiver's lane of notification ticks. */
const BAR = 12;
const LANE = 6;
const ROW_GAP = 7;

/** One row of the alert panel: an alert instance, from ALERTS or from a notification about it. */
interface AlertRow {
  readonly key: string;
  readonly alertname: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly firstAt: number;
}

/** Alert instances in the order they first showed up (then by name): the story of the run, top to bottom. */
export function alertRows(run: ScenarioRun): AlertRow[] {
  const rows = new Map<string, AlertRow>();
  const see = (alertname: string, labels: Readonly<Record<string, string>>, at: number) => {
    const key = instanceKey(alertname, labels);
    const row = rows.get(key);
    if (!row || at < row.firstAt) rows.set(key, { key, alertname, labels: identityLabels(labels), firstAt: at });
  };
  for (const s of run.alertStates) see(s.alertname, s.labels, s.from);
  for (const d of run.notifications) see(d.alertname, d.labels, d.at);
  return [...rows.values()].sort((a, b) => a.firstAt - b.firstAt || compareText(a.key, b.key));
}

/** The alert panel's height for `rows` rows and `lanes` receivers. */
export function alertPanelHeight(rows: number, lanes: number): number {
  return rows === 0 ? 34 : rows * rowHeight(lanes) + ROW_GAP;
}

function rowHeight(lanes: number): number {
  // Two lines of text on the left (name, labels) need 24 px even when the ticks need less.
  return Math.max(BAR + 2 + lanes * LANE, 24) + ROW_GAP;
}

function labelSummary(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .map((k) => `${k}=${labels[k]}`)
    .join(' ');
}

/**
 * The alert panel: per alert instance a bar for each pending and firing interval, and under it
 * one lane per receiver with a tick for every notification that receiver got about it (thick:
 * firing, thin: resolved), and a black mark where a `fires` expectation's deadline runs out. An alert paged for without an expectation has its name in red.
 */
export function renderAlertPanel(run: ScenarioRun, axis: TimeAxis, top: number, receivers: ReadonlyMap<string, string>, falsePageAlerts: ReadonlySet<string>, timeTicksAt: readonly number[]): string {
  const rows = alertRows(run);
  const lanes = [...receivers.keys()];
  const height = alertPanelHeight(rows.length, lanes.length);
  const out: string[] = [`<g class="panel" data-panel="alerts">`];
  out.push(text(10, top - 8, 'Alert states and notifications', { class: 'panel-title', 'font-size': 12, 'font-weight': 'bold', fill: COLORS.text }));
  out.push(`<rect class="plot-area" x="${n(PLOT.left)}" y="${n(top)}" width="${n(PLOT_WIDTH)}" height="${n(height)}" fill="#FBFBFC" stroke="${COLORS.grid}"/>`);
  for (const t of timeTicksAt) out.push(`<line x1="${n(axis.x(t))}" y1="${n(top)}" x2="${n(axis.x(t))}" y2="${n(top + height)}" stroke="${COLORS.grid}"/>`);
  if (rows.length === 0) out.push(text(PLOT.left + PLOT_WIDTH / 2, top + 21, 'no alert was pending or firing, no notification was sent', { class: 'empty', 'text-anchor': 'middle', fill: COLORS.muted }));

  const end = axis.startedAt + axis.durationMs;
  rows.forEach((row, i) => {
    const y0 = top + ROW_GAP + i * rowHeight(lanes.length);
    const paged = falsePageAlerts.has(row.key);
    out.push(`<g class="alert-row" data-alert="${esc(row.key)}">`);
    out.push(`<title>${esc(row.key)}</title>`);
    if (i > 0) out.push(`<line x1="${n(8)}" y1="${n(y0 - ROW_GAP / 2)}" x2="${n(PLOT.left + PLOT_WIDTH)}" y2="${n(y0 - ROW_GAP / 2)}" stroke="${COLORS.grid}" stroke-width="0.6"/>`);
    const name = fit(row.alertname, PLOT.left - 20, 11);
    out.push(text(10, y0 + 10, name, { 'font-size': 11, 'font-weight': 'bold', fill: paged ? COLORS.fail : COLORS.text }));
    const labels = labelSummary(row.labels);
    if (labels) out.push(text(10, y0 + 22, fit(labels, PLOT.left - 20, 9), { 'font-size': 9, fill: COLORS.muted }));

    const intervals = run.alertStates
      .filter((s) => instanceKey(s.alertname, s.labels) === row.key)
      .sort((a, b) => a.from - b.from || compareText(a.state, b.state));
    for (const s of intervals) {
      const to = s.to ?? end;
      const x0 = axis.x(s.from);
      const width = Math.max(1, axis.x(to) - x0);
      const attrs = { class: 'alert-bar', 'data-state': s.state, 'data-from': axis.seconds(s.from), 'data-to': axis.seconds(to), 'data-open': s.to === undefined ? 'true' : 'false' };
      out.push(`<rect${attrText(attrs)} x="${n(x0)}" y="${n(y0)}" width="${n(width)}" height="${BAR}" rx="2" fill="${s.state === 'firing' ? COLORS.firing : COLORS.pending}"/>`);
    }

    // Where each expectation naming this alert runs out: a delivery right of the mark was late.
    for (const e of run.expectations) {
      if (e.kind !== 'fires' || !matchesAlert(e, row.alertname, row.labels)) continue;
      const x = axis.x(phaseAt(run, e.after) + e.withinMs);
      const attrs = { class: 'deadline', 'data-receiver': e.receiver, 'data-at': axis.seconds(phaseAt(run, e.after) + e.withinMs) };
      out.push(`<line${attrText(attrs)} x1="${n(x)}" y1="${n(y0 - 3)}" x2="${n(x)}" y2="${n(y0 + BAR + 2 + lanes.length * LANE)}" stroke="${COLORS.text}" stroke-width="1.6"><title>${esc(`deadline for ${e.receiver}`)}</title></line>`);
    }

    const deliveries = run.notifications
      .filter((d) => instanceKey(d.alertname, d.labels) === row.key)
      .sort((a, b) => a.at - b.at || compareText(a.receiver, b.receiver) || compareText(a.status, b.status));
    for (const d of deliveries) {
      const lane = lanes.indexOf(d.receiver);
      const ly = y0 + BAR + 2 + lane * LANE;
      const x = axis.x(d.at);
      const firing = d.status === 'firing';
      const attrs = { class: 'delivery', 'data-receiver': d.receiver, 'data-status': d.status, 'data-at': axis.seconds(d.at) };
      out.push(`<line${attrText(attrs)} x1="${n(x)}" y1="${n(ly)}" x2="${n(x)}" y2="${n(ly + LANE - 1)}" stroke="${receivers.get(d.receiver) ?? COLORS.muted}" stroke-width="${firing ? 3 : 1.2}"/>`);
    }
    out.push('</g>');
  });
  out.push('</g>');
  return out.join('\n');
}
