/**
 * A table panel: one row per series with its name, last value (in the panel's unit) and a
 * sparkline of the window as inline SVG.
 */
import type { PanelData } from './collect.js';
import { SERIES_PALETTE, thresholdColor } from './colors.js';
import type { Box } from './timeseries.js';
import { esc, finiteValues, lastValue, linePath, n } from './svg.js';
import { formatValue } from './units.js';

const ROW = 24;

/** Renders the table into `box`; rows beyond its height are counted, not drawn. */
export function renderTable(data: PanelData, box: Box): string {
  const d = data.ref.panel.fieldConfig?.defaults;
  const maxRows = Math.max(1, Math.floor((box.height - ROW) / ROW));
  const rows = data.series.slice(0, maxRows);
  if (rows.length === 0) return `<div class="nodata-box">${data.errors.length ? 'Query error' : 'No data'}</div>`;
  const all = finiteValues(data.series);
  const range = { min: Math.min(...all), max: Math.max(...all) };
  const sparkW = Math.min(120, Math.max(40, box.width * 0.25));
  const body = rows.map((s, i) => {
    const value = lastValue(s.samples);
    const values = s.samples.map(([, v]) => v).filter(Number.isFinite);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const t0 = s.samples[0]?.[0] ?? 0;
    const t1 = s.samples[s.samples.length - 1]?.[0] ?? 1;
    const path = linePath(
      s.samples,
      (t) => 2 + (t1 > t0 ? ((t - t0) / (t1 - t0)) * (sparkW - 4) : (sparkW - 4) / 2),
      (v) => ROW - 5 - (hi > lo ? ((v - lo) / (hi - lo)) * (ROW - 10) : (ROW - 10) / 2),
      Infinity,
    );
    const color = (value !== undefined ? thresholdColor(d?.thresholds, value, range) : undefined) ?? SERIES_PALETTE[i % SERIES_PALETTE.length]!;
    const spark = `<svg class="chart sparkline" xmlns="http://www.w3.org/2000/svg" width="${n(sparkW)}" height="${ROW}" viewBox="0 0 ${n(sparkW)} ${ROW}"><path class="series" data-series="${esc(s.name)}" data-points="${path.points}" d="${path.d}" stroke="${color}" fill="none" stroke-width="1.2"/></svg>`;
    const text = value === undefined ? '–' : formatValue(value, d?.unit, d?.decimals);
    return `<tr><td class="name" title="${esc(s.name)}">${esc(s.name)}</td><td class="num" style="color:${color}">${esc(text)}</td><td>${spark}</td></tr>`;
  });
  const more = data.series.length > rows.length ? `<tr><td colspan="3" class="more">+${data.series.length - rows.length} more</td></tr>` : '';
  return `<table class="data"><thead><tr><th>Series</th><th>Last</th><th>Trend</th></tr></thead><tbody>${body.join('')}${more}</tbody></table>`;
}
