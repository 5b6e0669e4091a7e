import { textWidth } from '../../preview/svg.js';
import { timeTicks } from '../../preview/scale.js';
import { shortDuration, percent } from './format.js';
import { alertPanelHeight, alertRows, renderAlertPanel } from './plotAlerts.js';
import { COLORS, PLOT, PLOT_WIDTH, esc, n, receiverColors, text, timeAxis, type TimeAxis } from './plotLayout.js';
import { renderLegend } from './plotLegend.js';
import { renderSeriesPanel, type SeriesPanel } from './plotSeries.js';
import { compareText, type ScenarioSummary } from './summary.js';
import type { Phase, ScenarioRun } from './types.js';

const TRAFFIC: SeriesPanel = { id: 'traffic', title: 'Traffic, requests/s (all replicas)', color: COLORS.traffic, value: (s) => s.rps, minTop: 1, format: (v) => String(Number(v.toPrecision(6))) };
const ERRORS: SeriesPanel = { id: 'errors', title: 'Error ratio, share of requests answered 5xx', color: COLORS.errors, value: (s) => s.errorRatio, minTop: 0.05, maxTop: 1, format: percent };

const PHASE_ROW = 14;

/** Phase labels above the panels, each on the first row where it does not run into the one before. */
function placePhaseLabels(phases: readonly Phase[], axis: TimeAxis): Array<{ phase: Phase; x: number; row: number }> {
  const rowEnds: number[] = [];
  return phases.map((phase) => {
    const x = axis.x(phase.at);
    const width = textWidth(phase.label, 10) + 8;
    // Labels near the right edge are written leftwards from their mark.
    const start = x + width > PLOT.width - 4 ? x - width : x;
    let row = rowEnds.findIndex((endX) => endX < start);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = start + width;
    return { phase, x, row };
  });
}

/**
 * The plot of one run as a standalone SVG, 1200 px wide: traffic, error ratio and alert
 * states on one time axis (real seconds since the start, and the shipped time they stand
 * for), phases as dashed marks across all three, a tick per notification colored by receiver.
 * Plain SVG 1.1 with no script, font or image to fetch, so any viewer shows it.
 */
export function renderPlot(run: ScenarioRun, summary: ScenarioSummary): string {
  const axis = timeAxis(run.startedAt, run.endedAt);
  const receivers = receiverColors([...new Set(run.notifications.map((d) => d.receiver))].sort(compareText));
  const falsePageAlerts = new Set(summary.falsePages.map((p) => p.alert));
  const phases = [...run.phases].sort((a, b) => a.at - b.at || compareText(a.label, b.label));
  const { ticks: tickSeconds } = timeTicks(0, axis.durationMs / 1000, 10);
  const ticksAt = tickSeconds.map((s) => run.startedAt + s * 1000);

  const body: string[] = [];
  const verdict = summary.verdict === 'pass' ? 'PASS' : 'FAIL';
  body.push(`<text x="10" y="26" font-size="18" font-weight="bold" fill="${COLORS.text}">${esc(`Scenario ${run.scenario}: `)}<tspan class="verdict" fill="${summary.verdict === 'pass' ? COLORS.pass : COLORS.fail}">${verdict}</tspan></text>`);
  const facts = `${summary.expectations.met}/${summary.expectations.total} expectations met · ${summary.falsePages.length} false ${summary.falsePages.length === 1 ? 'page' : 'pages'} · time scale ×${run.timeScale}`;
  body.push(text(10, 44, `${run.description}${run.description ? ' · ' : ''}${facts}`, { 'font-size': 12, fill: COLORS.muted }));
  const legend = renderLegend(receivers, 56);
  body.push(legend.svg);

  let y = 56 + legend.height + 8;
  const labels = placePhaseLabels(phases, axis);
  const bandRows = labels.length === 0 ? 0 : Math.max(...labels.map((l) => l.row)) + 1;
  const bandTop = y;
  y += bandRows * PHASE_ROW + 22;

  const trafficTop = y;
  body.push(renderSeriesPanel(TRAFFIC, run.samples, axis, trafficTop, 150, ticksAt));
  y += 150 + 30;
  body.push(renderSeriesPanel(ERRORS, run.samples, axis, y, 110, ticksAt));
  y += 110 + 30;
  const alertsTop = y;
  body.push(renderAlertPanel(run, axis, alertsTop, receivers, falsePageAlerts, ticksAt));
  const bottom = alertsTop + alertPanelHeight(alertRows(run).length, receivers.size);

  body.push('<g class="phases">');
  for (const { phase, x, row } of labels) {
    const ly = bandTop + row * PHASE_ROW + 10;
    const anchorEnd = x + textWidth(phase.label, 10) + 8 > PLOT.width - 4;
    body.push(`<g class="phase" data-label="${esc(phase.label)}" data-at="${axis.seconds(phase.at)}">`);
    body.push(`<line class="phase-mark" x1="${n(x)}" y1="${n(ly + 3)}" x2="${n(x)}" y2="${n(bottom)}" stroke="${COLORS.phase}" stroke-width="1.2" stroke-dasharray="5 4"/>`);
    body.push(text(anchorEnd ? x - 4 : x + 4, ly, phase.label, { class: 'phase-label', 'font-size': 10, fill: COLORS.phase, 'text-anchor': anchorEnd ? 'end' : 'start' }));
    body.push('</g>');
  }
  body.push('</g>');

  body.push('<g class="time-axis">');
  body.push(`<line x1="${n(PLOT.left)}" y1="${n(bottom)}" x2="${n(PLOT.left + PLOT_WIDTH)}" y2="${n(bottom)}" stroke="${COLORS.axis}"/>`);
  for (const s of tickSeconds) {
    const x = axis.x(run.startedAt + s * 1000);
    body.push(`<line class="time-tick" data-seconds="${s}" x1="${n(x)}" y1="${n(bottom)}" x2="${n(x)}" y2="${n(bottom + 5)}" stroke="${COLORS.axis}"/>`);
    body.push(text(x, bottom + 17, `${s}s`, { 'font-size': 10, 'text-anchor': 'middle', fill: COLORS.text }));
    if (run.timeScale !== 1) body.push(text(x, bottom + 30, shortDuration(s * 1000 * run.timeScale), { 'font-size': 10, 'text-anchor': 'middle', fill: COLORS.muted }));
  }
  body.push(text(PLOT.left - 16, bottom + 17, 'real time since start', { 'font-size': 10, 'text-anchor': 'end', fill: COLORS.text }));
  if (run.timeScale !== 1) body.push(text(PLOT.left - 16, bottom + 30, `shipped time (×${run.timeScale})`, { 'font-size': 10, 'text-anchor': 'end', fill: COLORS.muted }));
  body.push('</g>');

  const height = Math.ceil(bottom + 44);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!-- generated by lookout, do not edit -->`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PLOT.width}" height="${height}" viewBox="0 0 ${PLOT.width} ${height}" font-family="${PLOT.font}" font-size="11" data-scenario="${esc(run.scenario)}" data-verdict="${summary.verdict}">`,
    `<title>${esc(`${run.scenario}: ${verdict}`)}</title>`,
    `<rect width="${PLOT.width}" height="${height}" fill="#FFFFFF"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
