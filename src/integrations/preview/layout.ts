/**
 * Grafana's grid, reproduced with CSS grid: 24 columns, 30-pixel rows, panels placed by their
 * gridPos. Each dashboard row starts its own grid, so the panels of a collapsed row (whose
 * positions assume the row is open) are shown under it without overlapping what follows.
 */
import type { Panel } from '../grafana/dashboardFiles.js';

/** Page width the previews are laid out for, in CSS pixels. */
export const PAGE_WIDTH = 1440;
export const GAP = 6;
/** Grafana's grid row height. */
export const ROW_HEIGHT = 30;
const COLUMN = (PAGE_WIDTH - 23 * GAP) / 24;
/** The height of a panel's title bar. */
export const HEADER = 26;

/** A row of the dashboard (or the panels above the first row) and the panels it holds. */
export interface Section {
  row?: Panel;
  panels: Panel[];
}

/** Splits a dashboard's panels into sections at each row. */
export function sections(panels: readonly Panel[]): Section[] {
  const out: Section[] = [{ panels: [] }];
  for (const p of panels) {
    if (p.type === 'row') out.push({ row: p, panels: p.collapsed ? [...(p.panels ?? [])] : [] });
    else out[out.length - 1]!.panels.push(p);
  }
  return out.filter((s) => s.row || s.panels.length > 0);
}

/** Where a panel sits in its section's grid (CSS), and its size in pixels. */
export function place(panel: Panel, sectionTop: number): { style: string; width: number; height: number } {
  const g = panel.gridPos;
  const w = Math.min(24, g?.w ?? 12);
  const h = g?.h ?? 8;
  const column = g ? `${Math.min(g.x, 24 - w) + 1} / span ${w}` : `span ${w}`;
  const row = g ? `${g.y - sectionTop + 1} / span ${h}` : `span ${h}`;
  return { style: `grid-column:${column};grid-row:${row}`, width: w * COLUMN + (w - 1) * GAP, height: h * ROW_HEIGHT + (h - 1) * GAP };
}

/** The smallest y of a section's panels: its grid starts there. */
export function sectionTop(section: Section): number {
  const ys = section.panels.map((p) => p.gridPos?.y).filter((y): y is number => y !== undefined);
  return ys.length ? Math.min(...ys) : 0;
}
