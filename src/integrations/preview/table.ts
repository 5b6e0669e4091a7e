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

interface Organize {
  excludeByName?: Record<string, boolean>;
  renameByName?: Record<string, string>;
  indexByName?: Record<string, number>;
}

/** The columns of a table-format answer after the panel's `organize` transformation. */
function columns(data: PanelData): { key: string; title: string }[] {
  const organize = ((data.ref.panel.transformations as { id?: string; options?: Organize }[] | undefined) ?? []).find((t) => t.id === 'organize')?.options ?? {};
  // Grafana's order: Time, the labels by name, then Value.
  const keys = ['Time', ...[...new Set(data.series.flatMap((s) => Object.keys(s.labels)))].sort(), 'Value'];
  const index = organize.indexByName ?? {};
  return keys
    .filter((k) => !organize.excludeByName?.[k])
    .map((k, i) => ({ key: k, title: organize.renameByName?.[k] || k, order: index[k] ?? 1000 + i }))
    .sort((a, b) => a.order - b.order);
}

/**
 * A query with `format: table` (an instant table, as Grafana's Prometheus datasource gives
 * it): one row per series, one column per label and one for the value, sorted as the panel's
 * `sortBy` asks. The value is printed in the panel's unit and colored by its thresholds.
 */
function renderLabelTable(data: PanelData, box: Box): string {
  const d = data.ref.panel.fieldConfig?.defaults;
  const cols = columns(data);
  const sortBy = ((data.ref.panel.options as { sortBy?: { displayName?: string; desc?: boolean }[] } | undefined)?.sortBy ?? [])[0];
  const rows = data.series.map((s) => ({ s, value: lastValue(s.samples), time: s.samples[s.samples.length - 1]?.[0] }));
  if (sortBy?.displayName) {
    const key = cols.find((c) => c.title === sortBy.displayName || c.key === sortBy.displayName)?.key ?? sortBy.displayName;
    const of = (r: (typeof rows)[number]) => (key === 'Value' ? (r.value ?? -Infinity) : key === 'Time' ? (r.time ?? 0) : (r.s.labels[key] ?? ''));
    rows.sort((a, b) => {
      const x = of(a);
      const y = of(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sortBy.desc ? -c : c;
    });
  }
  const maxRows = Math.max(1, Math.floor((box.height - ROW) / ROW));
  const all = finiteValues(data.series);
  const range = { min: Math.min(...all), max: Math.max(...all) };
  const body = rows.slice(0, maxRows).map(({ s, value, time }) => {
    const cells = cols.map(({ key }) => {
      if (key === 'Value') {
        const color = value === undefined ? undefined : thresholdColor(d?.thresholds, value, range);
        return `<td class="num"${color ? ` style="color:${color}"` : ''}>${esc(value === undefined ? '–' : formatValue(value, d?.unit, d?.decimals))}</td>`;
      }
      const text = key === 'Time' ? (time === undefined ? '' : new Date(time * 1000).toISOString().slice(0, 19).replace('T', ' ')) : (s.labels[key] ?? '');
      return `<td class="label" title="${esc(text)}">${esc(text)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const more = rows.length > maxRows ? `<tr><td colspan="${cols.length}" class="more">+${rows.length - maxRows} more</td></tr>` : '';
  return `<table class="data labels"><thead><tr>${cols.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead><tbody>${body.join('')}${more}</tbody></table>`;
}

/** Whether the panel's queries ask for a table (labels as columns) rather than time series. */
function tableFormat(data: PanelData): boolean {
  return (data.ref.panel.targets ?? []).some((t) => (t as { format?: string }).format === 'table');
}

/** Renders the table into `box`; rows beyond its height are counted, not drawn. */
export function renderTable(data: PanelData, box: Box): string {
  if (data.series.length > 0 && tableFormat(data)) return renderLabelTable(data, box);
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
