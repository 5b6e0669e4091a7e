import { textWidth } from '../../preview/svg.js';
import { COLORS, PLOT, n, text } from './plotLayout.js';

type Swatch = { kind: 'line' | 'dash' | 'bar' | 'tick' | 'mark'; color: string };

/** The legend entries: what each color and mark of the plot stands for. */
export function legendItems(receivers: ReadonlyMap<string, string>): Array<{ label: string; swatch: Swatch }> {
  return [
    { label: 'requests/s', swatch: { kind: 'line', color: COLORS.traffic } },
    { label: '5xx ratio', swatch: { kind: 'line', color: COLORS.errors } },
    { label: 'pending', swatch: { kind: 'bar', color: COLORS.pending } },
    { label: 'firing', swatch: { kind: 'bar', color: COLORS.firing } },
    { label: 'phase', swatch: { kind: 'dash', color: COLORS.phase } },
    { label: 'deadline', swatch: { kind: 'mark', color: COLORS.text } },
    ...[...receivers].map(([name, color]) => ({ label: `notified ${name}`, swatch: { kind: 'tick' as const, color } })),
  ];
}

function swatch(s: Swatch, x: number, y: number): string {
  switch (s.kind) {
    case 'line':
      return `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x + 16)}" y2="${n(y)}" stroke="${s.color}" stroke-width="2"/>`;
    case 'dash':
      return `<line x1="${n(x + 8)}" y1="${n(y - 6)}" x2="${n(x + 8)}" y2="${n(y + 6)}" stroke="${s.color}" stroke-width="1.2" stroke-dasharray="3 2"/>`;
    case 'bar':
      return `<rect x="${n(x)}" y="${n(y - 5)}" width="16" height="10" rx="2" fill="${s.color}"/>`;
    case 'mark':
      return `<line x1="${n(x + 8)}" y1="${n(y - 7)}" x2="${n(x + 8)}" y2="${n(y + 7)}" stroke="${s.color}" stroke-width="1.6"/>`;
    case 'tick':
      return `<line x1="${n(x + 8)}" y1="${n(y - 6)}" x2="${n(x + 8)}" y2="${n(y + 6)}" stroke="${s.color}" stroke-width="3"/>`;
  }
}

/** The legend, flowed left to right and wrapped at the plot's width; returns its SVG and height. */
export function renderLegend(receivers: ReadonlyMap<string, string>, top: number): { svg: string; height: number } {
  const out: string[] = ['<g class="legend">'];
  let x = 10;
  let y = top + 8;
  for (const item of legendItems(receivers)) {
    const w = 22 + textWidth(item.label, 11) * 0.92 + 16;
    if (x + w > PLOT.width - 10 && x > 10) {
      x = 10;
      y += 18;
    }
    out.push(`<g class="legend-item">${swatch(item.swatch, x, y)}${text(x + 22, y + 4, item.label, { 'font-size': 11, fill: COLORS.text })}</g>`);
    x += w;
  }
  out.push('</g>');
  return { svg: out.join('\n'), height: y - top + 14 };
}
