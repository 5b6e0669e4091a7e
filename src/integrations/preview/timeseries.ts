/**
 * A timeseries panel as inline SVG: value and time axes with grid lines, one line per series,
 * dashed threshold lines from the panel's thresholds, and a legend underneath.
 */
import type { TimeWindow } from '../grafana/variables.js';
import type { PanelData } from './collect.js';
import { SERIES_PALETTE, thresholdLines } from './colors.js';
import { niceTicks, timeLabel, timeTicks } from './scale.js';
import { esc, finiteValues, fit, linePath, n, textWidth } from './svg.js';
import { fieldStyle } from './fieldStyle.js';
import { formatValue } from './units.js';

/** Space a chart is drawn into, in CSS pixels. */
export interface Box {
  width: number;
  height: number;
}

const FONT = 11;
const LEGEND_ROW = 16;

/** Legend items placed left to right, wrapping, in at most `maxRows` rows; the rest are counted. */
function layoutLegend(names: string[], width: number, maxRows: number): { items: { name: string; x: number; row: number; index: number }[]; hidden: number; rows: number } {
  const items: { name: string; x: number; row: number; index: number }[] = [];
  let x = 0;
  let row = 0;
  for (let index = 0; index < names.length; index++) {
    const name = fit(names[index]!, width - 24);
    const w = 18 + textWidth(name, FONT) + 14;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    if (row >= maxRows) return { items, hidden: names.length - index, rows: maxRows };
    items.push({ name, x, row, index });
    x += w;
  }
  return { items, hidden: 0, rows: names.length === 0 ? 0 : row + 1 };
}

/** Whether the panel asks for threshold lines: always, unless its thresholds style is "off". */
function showsThresholds(data: PanelData): boolean {
  const custom = data.ref.panel.fieldConfig?.defaults?.custom as { thresholdsStyle?: { mode?: string } } | undefined;
  return custom?.thresholdsStyle?.mode !== 'off';
}

/** A value axis: its ticks, their labels and where a value sits on it. */
interface Axis {
  ticks: number[];
  labels: string[];
  min: number;
  max: number;
  width: number;
}

function valueAxis(lo: number, hi: number, count: number, unit: string | undefined, decimals: number | null | undefined): Axis {
  const y = niceTicks(lo, hi, count);
  const labels = y.ticks.map((t) => formatValue(t, unit, decimals));
  return { ...y, labels, width: Math.max(0, ...labels.map((l) => textWidth(l, FONT))) };
}

/** Renders the panel's series over `window` into `box`. */
export function renderTimeseries(data: PanelData, box: Box, window: TimeWindow): string {
  const defaults = data.ref.panel.fieldConfig?.defaults;
  const unit = defaults?.unit;
  const styles = data.series.map((s) => fieldStyle(data.ref.panel, s.name, s.refId));
  // Fields an override moves to the right get their own scale there, in their own unit.
  const onRight = styles.map((st) => st.axis === 'right');
  const leftSeries = data.series.filter((_, i) => !onRight[i]);
  const rightSeries = data.series.filter((_, i) => onRight[i]);
  const values = finiteValues(leftSeries.length ? leftSeries : data.series);
  const dataMin = values.length ? Math.min(...values) : 0;
  const dataMax = values.length ? Math.max(...values) : 1;
  const thresholds = showsThresholds(data) ? thresholdLines(defaults?.thresholds, { min: defaults?.min ?? dataMin, max: defaults?.max ?? dataMax }) : [];
  // Keep every threshold in view: the line a panel mirrors from an alert rule is the point of it.
  const lo = defaults?.min ?? Math.min(dataMin >= 0 ? 0 : dataMin, ...thresholds.map((t) => t.value));
  const hi = defaults?.max ?? Math.max(dataMax, ...thresholds.map((t) => t.value));
  const tickCount = Math.max(2, Math.floor(box.height / 45));
  const y = valueAxis(lo, hi, tickCount, unit, defaults?.decimals);
  const rightStyle = styles[onRight.indexOf(true)];
  const rightValues = finiteValues(rightSeries);
  const y2 = rightSeries.length && rightValues.length
    ? valueAxis(rightStyle?.min ?? Math.min(0, ...rightValues), rightStyle?.max ?? Math.max(...rightValues), tickCount, rightStyle?.unit, rightStyle?.decimals)
    : undefined;

  const names = data.series.map((s, i) => styles[i]!.displayName ?? s.name);
  const legend = layoutLegend(names, box.width - 16, Math.max(1, Math.floor(box.height / 80)));
  const legendHeight = (legend.rows + (legend.hidden ? 1 : 0)) * LEGEND_ROW + (legend.rows ? 6 : 0);
  const left = 8 + y.width + 6;
  const right = box.width - 12 - (y2 ? y2.width + 8 : 0);
  const top = 8;
  const bottom = box.height - legendHeight - 20;
  const from = window.fromMs / 1000;
  const to = window.toMs / 1000;
  const xOf = (t: number) => left + ((t - from) / (to - from)) * (right - left);
  const scaleY = (axis: Axis) => (v: number) => bottom - ((Math.min(Math.max(v, axis.min), axis.max) - axis.min) / (axis.max - axis.min)) * (bottom - top);
  const yOf = scaleY(y);
  const colors = data.series.map((_, i) => styles[i]!.color ?? SERIES_PALETTE[i % SERIES_PALETTE.length]!);

  const parts: string[] = [];
  parts.push(`<svg class="chart timeseries" xmlns="http://www.w3.org/2000/svg" width="${n(box.width)}" height="${n(box.height)}" viewBox="0 0 ${n(box.width)} ${n(box.height)}" font-size="${FONT}">`);
  // Value axis: grid lines and labels.
  y.ticks.forEach((t, i) => {
    const py = n(yOf(t));
    parts.push(`<line class="grid" x1="${n(left)}" x2="${n(right)}" y1="${py}" y2="${py}"/>`);
    parts.push(`<text class="axis y" x="${n(left - 6)}" y="${py}" text-anchor="end" dominant-baseline="middle">${esc(y.labels[i]!)}</text>`);
  });
  if (y2) {
    const y2Of = scaleY(y2);
    y2.ticks.forEach((t, i) => parts.push(`<text class="axis y2" x="${n(right + 6)}" y="${n(y2Of(t))}" text-anchor="start" dominant-baseline="middle">${esc(y2.labels[i]!)}</text>`));
    parts.push(`<line class="axis-line" x1="${n(right)}" x2="${n(right)}" y1="${n(top)}" y2="${n(bottom)}"/>`);
  }
  // Time axis.
  const time = timeTicks(from, to, Math.max(2, Math.floor((right - left) / 90)));
  for (const t of time.ticks) {
    const px = n(xOf(t));
    parts.push(`<line class="grid" x1="${px}" x2="${px}" y1="${n(top)}" y2="${n(bottom)}"/>`);
    const label = timeLabel(t, time.stepSeconds);
    // Keep the label inside the chart: a tick near the right edge is labelled leftwards.
    const half = textWidth(label, FONT) / 2;
    const lx = Math.min(Math.max(xOf(t), left + half), box.width - 2 - half);
    parts.push(`<text class="axis x" x="${n(lx)}" y="${n(bottom + 14)}" text-anchor="middle">${label}</text>`);
  }
  parts.push(`<line class="axis-line" x1="${n(left)}" x2="${n(right)}" y1="${n(bottom)}" y2="${n(bottom)}"/>`);
  parts.push(`<line class="axis-line" x1="${n(left)}" x2="${n(left)}" y1="${n(top)}" y2="${n(bottom)}"/>`);
  // Series lines.
  const maxGap = Math.max(data.stepSeconds * 1.5, 1);
  data.series.forEach((s, i) => {
    const path = linePath(s.samples, xOf, onRight[i] && y2 ? scaleY(y2) : yOf, maxGap);
    if (path.points === 0) return;
    const color = colors[i];
    // A lone point has no length to stroke: draw it as a dot.
    if (path.points === 1) {
      const [, cx, cy] = /M([\d.-]+) ([\d.-]+)/.exec(path.d) ?? [];
      parts.push(`<circle class="point" cx="${cx}" cy="${cy}" r="2" fill="${color}"/>`);
    }
    parts.push(`<path class="series" data-series="${esc(s.name)}" data-points="${path.points}" d="${path.d}" stroke="${color}" fill="none" stroke-width="1.5"/>`);
  });
  // Thresholds on top of the lines, dashed, with their value.
  for (const t of thresholds) {
    const py = n(yOf(t.value));
    parts.push(`<line class="threshold" data-value="${t.value}" x1="${n(left)}" x2="${n(right)}" y1="${py}" y2="${py}" stroke="${t.color}" stroke-dasharray="6 4" stroke-width="1.5"/>`);
    // Above its line, unless that would cut the text at the top of the chart: then below it.
    const ly = Number(py) - 3 - FONT < 0 ? Number(py) + FONT + 1 : Number(py) - 3;
    parts.push(`<text class="threshold-label" x="${n(right - 2)}" y="${n(ly)}" text-anchor="end" fill="${t.color}">${esc(formatValue(t.value, unit, defaults?.decimals))}</text>`);
  }
  if (data.series.length === 0 || values.length === 0) {
    parts.push(`<text class="nodata" x="${n((left + right) / 2)}" y="${n((top + bottom) / 2)}" text-anchor="middle">${data.errors.length ? 'Query error' : 'No data'}</text>`);
  }
  // Legend.
  const legendTop = box.height - legendHeight + 4;
  for (const item of legend.items) {
    const lx = 8 + item.x;
    const ly = legendTop + item.row * LEGEND_ROW + 8;
    const color = colors[item.index];
    parts.push(`<g class="legend-item"><rect x="${n(lx)}" y="${n(ly - 2)}" width="12" height="4" fill="${color}"/><text x="${n(lx + 18)}" y="${n(ly)}" dominant-baseline="middle">${esc(item.name)}</text></g>`);
  }
  if (legend.hidden) parts.push(`<text class="legend-more" x="8" y="${n(legendTop + legend.rows * LEGEND_ROW + 8)}" dominant-baseline="middle">+${legend.hidden} more</text>`);
  parts.push('</svg>');
  return parts.join('');
}
