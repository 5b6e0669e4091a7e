/**
 * Single-value panels as inline SVG: a stat (last value with its unit over a sparkline), a
 * gauge (an arc from min to max with threshold bands) and a bar gauge (one bar per series).
 * Each value is colored by the panel's thresholds, as Grafana colors it.
 */
import type { PanelData } from './collect.js';
import { SERIES_PALETTE, thresholdColor, thresholdLines } from './colors.js';
import type { Box } from './timeseries.js';
import { esc, finiteValues, fit, lastValue, linePath, n } from './svg.js';
import { fieldStyle } from './fieldStyle.js';
import { formatValue } from './units.js';

/** The series a single-value panel shows, with their last value; at most `max`. */
function shown(data: PanelData, max: number) {
  return data.series
    .map((s, i) => ({ s, i, value: lastValue(s.samples) }))
    .filter((x) => x.value !== undefined)
    .slice(0, max) as { s: PanelData['series'][number]; i: number; value: number }[];
}

function noData(box: Box, data: PanelData, kind: string): string {
  return `<svg class="chart ${kind}" xmlns="http://www.w3.org/2000/svg" width="${n(box.width)}" height="${n(box.height)}" viewBox="0 0 ${n(box.width)} ${n(box.height)}"><text class="nodata" x="${n(box.width / 2)}" y="${n(box.height / 2)}" text-anchor="middle">${data.errors.length ? 'Query error' : 'No data'}</text></svg>`;
}

/** The min and max a gauge or bar spans: the panel's own, else a guess from its unit and data. */
function domain(data: PanelData): { min: number; max: number } {
  const d = data.ref.panel.fieldConfig?.defaults;
  const values = finiteValues(data.series);
  const dataMax = values.length ? Math.max(...values) : 1;
  const min = d?.min ?? Math.min(0, ...values);
  const steps = thresholdLines(d?.thresholds, { min, max: dataMax }).map((t) => t.value);
  const fallbackMax = d?.unit === 'percentunit' ? 1 : d?.unit === 'percent' ? 100 : Math.max(dataMax, ...steps);
  const max = d?.max ?? fallbackMax;
  return { min, max: max > min ? max : min + 1 };
}

/** A stat: each series' last value, large, over a sparkline of the window. */
export function renderStat(data: PanelData, box: Box): string {
  const items = shown(data, 6);
  if (items.length === 0) return noData(box, data, 'stat');
  const d = data.ref.panel.fieldConfig?.defaults;
  const all = finiteValues(data.series);
  const range = { min: d?.min ?? Math.min(...all), max: d?.max ?? Math.max(...all) };
  const cellW = box.width / items.length;
  const colorMode = (data.ref.panel.options as { colorMode?: string } | undefined)?.colorMode ?? 'value';
  const parts = [`<svg class="chart stat" xmlns="http://www.w3.org/2000/svg" width="${n(box.width)}" height="${n(box.height)}" viewBox="0 0 ${n(box.width)} ${n(box.height)}">`];
  items.forEach(({ s, i, value }, k) => {
    const x0 = k * cellW;
    // An override (by name or by query) may set this series' own unit, thresholds or color.
    const style = fieldStyle(data.ref.panel, s.name, s.refId);
    const color = style.color ?? thresholdColor(style.thresholds, value, { min: style.min ?? range.min, max: style.max ?? range.max }) ?? SERIES_PALETTE[i % SERIES_PALETTE.length]!;
    const text = formatValue(value, style.unit, style.decimals);
    const background = colorMode === 'background' || colorMode === 'background_solid';
    if (background) parts.push(`<rect class="stat-background" x="${n(x0)}" y="0" width="${n(cellW)}" height="${n(box.height)}" fill="${color}"/>`);
    const valueFill = background ? '#ffffff' : colorMode === 'none' ? '#24292e' : color;
    // Sparkline in the lower part of the cell.
    const values = s.samples.map(([, v]) => v).filter(Number.isFinite);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const t0 = s.samples[0]![0];
    const t1 = s.samples[s.samples.length - 1]![0];
    const sparkTop = box.height * 0.55;
    const xOf = (t: number) => x0 + 4 + (t1 > t0 ? ((t - t0) / (t1 - t0)) * (cellW - 8) : (cellW - 8) / 2);
    const yOf = (v: number) => box.height - 4 - (hi > lo ? ((v - lo) / (hi - lo)) * (box.height - 4 - sparkTop) : (box.height - 4 - sparkTop) / 2);
    const path = linePath(s.samples, xOf, yOf, Infinity);
    parts.push(`<path class="series sparkline" data-series="${esc(s.name)}" data-points="${path.points}" d="${path.d}" stroke="${background ? '#ffffff' : color}" stroke-opacity="0.8" fill="none" stroke-width="1.5"/>`);
    const size = Math.max(14, Math.min(box.height * 0.38, (cellW / Math.max(4, text.length)) * 1.6));
    parts.push(`<text class="value" data-color="${color}" x="${n(x0 + cellW / 2)}" y="${n(box.height * 0.42)}" text-anchor="middle" font-size="${n(size)}" font-weight="600" fill="${valueFill}">${esc(text)}</text>`);
    if (items.length > 1) parts.push(`<text class="series-name" x="${n(x0 + cellW / 2)}" y="${n(box.height * 0.42 - size * 0.85)}" text-anchor="middle" font-size="11"${background ? ' fill="#ffffff"' : ''}>${esc(fit(style.displayName ?? s.name, cellW - 8))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** A point on the gauge arc at fraction `f` (0 at the left end, 1 at the right), radius `r`. */
function arcPoint(cx: number, cy: number, r: number, f: number): [number, number] {
  const angle = Math.PI * (1.25 - 1.5 * f);
  return [cx + r * Math.cos(angle), cy - r * Math.sin(angle)];
}

function arc(cx: number, cy: number, r: number, f0: number, f1: number): string {
  const [x0, y0] = arcPoint(cx, cy, r, f0);
  const [x1, y1] = arcPoint(cx, cy, r, f1);
  const large = (f1 - f0) * 270 > 180 ? 1 : 0;
  return `M${n(x0)} ${n(y0)}A${n(r)} ${n(r)} 0 ${large} 1 ${n(x1)} ${n(y1)}`;
}

/** A gauge: a 270° arc per series from min to max, filled to the value, threshold bands outside. */
export function renderGauge(data: PanelData, box: Box): string {
  const items = shown(data, 4);
  if (items.length === 0) return noData(box, data, 'gauge');
  const d = data.ref.panel.fieldConfig?.defaults;
  const { min, max } = domain(data);
  const frac = (v: number) => Math.min(1, Math.max(0, (v - min) / (max - min)));
  const cellW = box.width / items.length;
  const parts = [`<svg class="chart gauge" xmlns="http://www.w3.org/2000/svg" width="${n(box.width)}" height="${n(box.height)}" viewBox="0 0 ${n(box.width)} ${n(box.height)}">`];
  const lines = thresholdLines(d?.thresholds, { min, max }).sort((a, b) => a.value - b.value);
  items.forEach(({ s, i, value }, k) => {
    const cx = k * cellW + cellW / 2;
    const r = Math.max(10, Math.min(cellW / 2 - 12, box.height / 2 - 14));
    const cy = box.height / 2 + r * 0.15;
    const color = thresholdColor(d?.thresholds, value, { min, max }) ?? SERIES_PALETTE[i % SERIES_PALETTE.length]!;
    parts.push(`<path class="track" d="${arc(cx, cy, r, 0, 1)}" stroke="#e4e7eb" stroke-width="${n(r * 0.22)}" fill="none"/>`);
    // Threshold bands: each step's color from its value to the next.
    const bands = [{ value: min, color: thresholdColor(d?.thresholds, min, { min, max }) ?? '#8e8e8e' }, ...lines.filter((l) => l.value > min)];
    bands.forEach((b, j) => {
      const f0 = frac(b.value);
      const f1 = frac(bands[j + 1]?.value ?? max);
      if (f1 > f0) parts.push(`<path class="band" d="${arc(cx, cy, r + r * 0.2, f0, f1)}" stroke="${b.color}" stroke-width="${n(r * 0.06)}" fill="none"/>`);
    });
    const f = frac(value);
    if (f > 0) parts.push(`<path class="series gauge-value" data-series="${esc(s.name)}" data-points="1" d="${arc(cx, cy, r, 0, Math.max(f, 0.002))}" stroke="${color}" stroke-width="${n(r * 0.22)}" fill="none"/>`);
    const text = formatValue(value, d?.unit, d?.decimals);
    parts.push(`<text class="value" x="${n(cx)}" y="${n(cy + r * 0.12)}" text-anchor="middle" font-size="${n(Math.max(12, Math.min(r * 0.5, (r * 2.4) / Math.max(3, text.length))))}" font-weight="600" fill="${color}">${esc(text)}</text>`);
    if (items.length > 1) parts.push(`<text class="series-name" x="${n(cx)}" y="${n(Math.min(box.height - 4, cy + r * 0.85))}" text-anchor="middle" font-size="11">${esc(fit(s.name, cellW - 8))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** A bar gauge: one horizontal bar per series from min to its value. */
export function renderBarGauge(data: PanelData, box: Box): string {
  const items = shown(data, Math.max(1, Math.floor(box.height / 22)));
  if (items.length === 0) return noData(box, data, 'bargauge');
  const d = data.ref.panel.fieldConfig?.defaults;
  const { min, max } = domain(data);
  const rowH = box.height / items.length;
  const labelW = Math.min(box.width * 0.35, 160);
  const parts = [`<svg class="chart bargauge" xmlns="http://www.w3.org/2000/svg" width="${n(box.width)}" height="${n(box.height)}" viewBox="0 0 ${n(box.width)} ${n(box.height)}" font-size="11">`];
  items.forEach(({ s, i, value }, k) => {
    const y = k * rowH + rowH * 0.2;
    const h = rowH * 0.6;
    const w = ((Math.min(Math.max(value, min), max) - min) / (max - min)) * (box.width - labelW - 70);
    const color = thresholdColor(d?.thresholds, value, { min, max }) ?? SERIES_PALETTE[i % SERIES_PALETTE.length]!;
    parts.push(`<text x="4" y="${n(y + h / 2)}" dominant-baseline="middle">${esc(fit(s.name, labelW - 8))}</text>`);
    parts.push(`<path class="series bar" data-series="${esc(s.name)}" data-points="1" d="M${n(labelW)} ${n(y)}h${n(Math.max(1, w))}v${n(h)}h${n(-Math.max(1, w))}Z" fill="${color}"/>`);
    parts.push(`<text class="value" x="${n(labelW + Math.max(1, w) + 6)}" y="${n(y + h / 2)}" dominant-baseline="middle" fill="${color}">${esc(formatValue(value, d?.unit, d?.decimals))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
