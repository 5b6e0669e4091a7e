import { GRID_COLUMNS } from './conventions.js';

/** A panel's place on Grafana's grid. */
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A row of panels as the layout sees it: a header (when titled) and the panels' sizes. */
export interface RowLayout {
  readonly title?: string | undefined;
  readonly panels: readonly { readonly width: number; readonly height: number }[];
}

/**
 * Grid positions for rows of panels, top to bottom: each titled row gets a full-width header,
 * its panels flow left to right and wrap at 24 columns. Depends only on the sizes and their
 * order, so the same definition always lands on the same grid.
 */
export function layoutRows(rows: readonly RowLayout[]): { header?: GridPos; panels: GridPos[] }[] {
  let y = 0;
  return rows.map((row) => {
    let header: GridPos | undefined;
    if (row.title !== undefined) {
      header = { x: 0, y, w: GRID_COLUMNS, h: 1 };
      y += 1;
    }
    let x = 0;
    let lineHeight = 0;
    const panels = row.panels.map((p) => {
      const w = Math.min(Math.max(1, Math.round(p.width)), GRID_COLUMNS);
      const h = Math.max(1, Math.round(p.height));
      if (x + w > GRID_COLUMNS) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      const pos = { x, y, w, h };
      x += w;
      lineHeight = Math.max(lineHeight, h);
      return pos;
    });
    y += lineHeight;
    return header ? { header, panels } : { panels };
  });
}

/** FNV-1a, 32 bits: a small stable hash for panel ids. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Panel ids stay below this, well inside what Grafana's URLs (`viewPanel=<id>`) carry. */
const ID_SPACE = 99_991;

/**
 * Panel ids from each panel's key (its row and title): a panel keeps its id when others are
 * added or moved, so `viewPanel` links keep working. Keys that collide take the next free id,
 * in order, so the result is still deterministic.
 */
export function panelIds(keys: readonly string[]): number[] {
  const used = new Set<number>();
  return keys.map((key) => {
    let id = (fnv1a(key) % ID_SPACE) + 1;
    while (used.has(id)) id = (id % ID_SPACE) + 1;
    used.add(id);
    return id;
  });
}
