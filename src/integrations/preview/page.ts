/**
 * The preview page: one section per dashboard, its panels laid out on Grafana's grid and drawn
 * as inline SVG. Self-contained: inline CSS, no scripts, and a Content-Security-Policy that
 * forbids the page from fetching anything.
 */
import type { Panel } from '../grafana/dashboardFiles.js';
import { runnableTargets } from '../grafana/checkQueries.js';
import type { DashboardData, PanelData } from './collect.js';
import { GAP, HEADER, PAGE_WIDTH, place, ROW_HEIGHT, sections, sectionTop } from './layout.js';
import { renderBarGauge, renderGauge, renderStat } from './stat.js';
import { markdown } from './markdown.js';
import { esc } from './svg.js';
import { renderTable } from './table.js';
import { renderTimeseries, type Box } from './timeseries.js';
import { interpolate, type TimeWindow, type VariableValue } from '../grafana/variables.js';

const CSS = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font:13px/1.4 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:#f4f5f5;color:#24292e}
header.page{width:${PAGE_WIDTH}px;margin-bottom:12px}
header.page h1{font-size:18px;margin:0 0 4px}
header.page p{margin:0;color:#6e7681}
nav a{margin-right:12px;color:#1f62e0;text-decoration:none}
section.dashboard{width:${PAGE_WIDTH}px;margin:18px 0 28px}
section.dashboard>h2{font-size:16px;margin:0 0 8px}
.row-title{font-weight:600;font-size:14px;margin:10px 0 6px;padding-bottom:2px;border-bottom:1px solid #d0d7de}
.grid{display:grid;grid-template-columns:repeat(24,1fr);grid-auto-rows:${ROW_HEIGHT}px;gap:${GAP}px}
figure.panel{margin:0;background:#fff;border:1px solid #d8dee4;border-radius:3px;overflow:hidden;position:relative}
figure.panel>figcaption{height:${HEADER}px;line-height:${HEADER}px;padding:0 8px;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
figure.panel .body{position:absolute;top:${HEADER}px;left:0;right:0;bottom:0;overflow:hidden}
svg.chart{display:block;font-family:inherit}
svg .grid{stroke:#eceff1;stroke-width:1}
svg .axis-line{stroke:#c8ced4;stroke-width:1}
svg text:not([fill]){fill:#57606a}
svg .nodata{fill:#8c959f;font-size:13px}
.errors{position:absolute;left:6px;right:6px;bottom:4px;color:#cf222e;font-size:11px;background:rgba(255,255,255,.9);white-space:pre-wrap;max-height:60%;overflow:hidden}
table.data{width:100%;border-collapse:collapse;font-size:12px}
table.data th{text-align:left;color:#57606a;font-weight:600;padding:2px 6px;border-bottom:1px solid #d8dee4}
table.data td{padding:0 6px;height:24px;border-bottom:1px solid #f0f2f4}
table.data td.name{max-width:1px;width:60%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums}
.nodata-box,.unsupported{padding:12px;color:#8c959f}
table.data td.label{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:220px}
.text-panel{padding:4px 10px;font-size:12px;overflow:hidden;height:100%}
.text-panel p{margin:4px 0}
.text-panel pre{background:#f6f8fa;padding:4px 6px;margin:4px 0;font-size:11px;white-space:pre-wrap}
.text-panel table.md{border-collapse:collapse;margin:6px 0}
.text-panel table.md th,.text-panel table.md td{border:1px solid #d8dee4;padding:2px 8px;text-align:left}
.text-panel table.md th{background:#f6f8fa}
.problems{color:#9a6700;margin:0 0 8px}
`;

/** The panel body for its type; a type lookout does not draw says so instead. */
function panelBody(data: PanelData | undefined, panel: Panel, box: Box, window: TimeWindow): string {
  if (panel.type === 'text') {
    const options = panel.options as { content?: string; mode?: string } | undefined;
    const content = options?.content ?? '';
    // Grafana's text panel is Markdown unless it says html or code; html is shown as text here, never as markup.
    return options?.mode === undefined || options.mode === 'markdown' ? `<div class="text-panel">${markdown(content)}</div>` : `<div class="text-panel"><pre>${esc(content)}</pre></div>`;
  }
  if (!data) return `<div class="unsupported">${esc(panel.type)} panel: not drawn in the preview</div>`;
  if ((panel.targets ?? []).length > 0 && runnableTargets(panel).length === 0) return `<div class="unsupported">no Prometheus query: not drawn in the preview</div>`;
  switch (panel.type) {
    case 'timeseries':
    case 'graph':
      return renderTimeseries(data, box, window);
    case 'stat':
    case 'singlestat':
      return renderStat(data, box);
    case 'gauge':
      return renderGauge(data, box);
    case 'bargauge':
      return renderBarGauge(data, box);
    case 'table':
      return renderTable(data, box);
    default:
      return `<div class="unsupported">${esc(panel.type)} panel: not drawn in the preview</div>`;
  }
}

function renderPanel(panel: Panel, top: number, data: PanelData | undefined, window: TimeWindow, values: ReadonlyMap<string, VariableValue>): string {
  const spot = place(panel, top);
  const box = { width: spot.width - 2, height: spot.height - HEADER - 2 };
  const errors = data?.errors.length ? `<div class="errors">${esc(data.errors.join('\n'))}</div>` : '';
  // Grafana shows titles with their variables filled in, as text (`Latency p0.95`).
  const title = interpolate(panel.title ?? '', new Map([...values].map(([k, v]) => [k, { ...v, regexList: false }])));
  return (
    `<figure class="panel" data-type="${esc(panel.type)}" data-title="${esc(title)}"${panel.id !== undefined ? ` data-id="${panel.id}"` : ''} style="${spot.style}">` +
    `<figcaption${panel.description ? ` title="${esc(panel.description)}"` : ''}>${esc(title)}</figcaption>` +
    `<div class="body">${panelBody(data, panel, box, window)}${errors}</div></figure>`
  );
}

function renderDashboard(d: DashboardData, window: TimeWindow): string {
  const byPanel = new Map(d.panels.map((p) => [p.ref.panel, p]));
  const dash = d.file.dashboard;
  const parts = [`<section class="dashboard" id="${esc(dash.uid)}" data-uid="${esc(dash.uid)}"><h2>${esc(dash.title)}</h2>`];
  if (d.variables.length) parts.push(`<p class="problems">${d.variables.map((v) => `$${esc(v.name)}: ${esc(v.message)}`).join('<br>')}</p>`);
  for (const section of sections(dash.panels ?? [])) {
    if (section.row) parts.push(`<div class="row-title">${esc(section.row.title ?? '')}</div>`);
    const top = sectionTop(section);
    parts.push(`<div class="grid">${section.panels.map((p) => renderPanel(p, top, byPanel.get(p), window, d.values)).join('')}</div>`);
  }
  parts.push('</section>');
  return parts.join('');
}

/** The whole page for `dashboards` drawn over `window`, fetched from `source`. */
export function renderPage(dashboards: readonly DashboardData[], window: TimeWindow, source: string): string {
  const from = new Date(window.fromMs).toISOString().replace('.000Z', 'Z');
  const to = new Date(window.toMs).toISOString().replace('.000Z', 'Z');
  const nav = dashboards.map((d) => `<a href="#${esc(d.file.dashboard.uid)}">${esc(d.file.dashboard.title)}</a>`).join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<title>lookout dashboard preview</title>',
    `<style>${CSS}</style></head><body>`,
    `<header class="page"><h1>Dashboard preview</h1><p>Generated by lookout preview from ${esc(source)}, ${from} to ${to} (times in UTC). Not a Grafana: a reviewer's picture of what the dashboards draw.</p><nav>${nav}</nav></header>`,
    ...dashboards.map((d) => renderDashboard(d, window)),
    '</body></html>',
    '',
  ].join('\n');
}
