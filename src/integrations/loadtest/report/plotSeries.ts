import { linePath } from '../../preview/svg.js';
import { niceTicks } from '../../preview/scale.js';
import { COLORS, PLOT, PLOT_WIDTH, n, text, type TimeAxis } from './plotLayout.js';
import type { Sample } from './types.js';

/** One line panel: a value over time with its own y axis, on the shared time axis. */
export interface SeriesPanel {
  readonly id: 'traffic' | 'errors';
  readonly title: string;
  readonly color: string;
  readonly value: (s: Sample) => number;
  /** The y range's floor for the top, so a quiet run is not drawn as if it were noisy. */
  readonly minTop: number;
  /** The y range's ceiling (a ratio never passes 1). */
  readonly maxTop?: number;
  readonly format: (v: number) => string;
}

/**
 * A gap in the samples wider than three of their usual spacing (a restarted sampler, a pause)
 * breaks the line, rather than drawing a straight line through time nobody measured.
 */
function maxGapSeconds(samples: readonly Sample[]): number {
  const steps = samples.slice(1).map((s, i) => (s.at - samples[i]!.at) / 1000).filter((d) => d > 0).sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  return median === undefined ? Number.POSITIVE_INFINITY : median * 3;
}

/** The SVG of one panel whose plot area spans [top, top + height]. */
export function renderSeriesPanel(panel: SeriesPanel, samples: readonly Sample[], axis: TimeAxis, top: number, height: number, timeTicksAt: readonly number[]): string {
  const out: string[] = [];
  const sorted = [...samples].sort((a, b) => a.at - b.at).filter((s) => Number.isFinite(panel.value(s)));
  // A tenth of headroom, so a flat line is not drawn on the panel's top edge.
  const max = Math.max(panel.minTop, ...sorted.map((s) => panel.value(s) * 1.1));
  let { ticks, max: top0 } = niceTicks(0, max, 4);
  if (panel.maxTop !== undefined && top0 > panel.maxTop) {
    top0 = panel.maxTop;
    ticks = ticks.filter((t) => t <= panel.maxTop!);
  }
  ticks = ticks.filter((t) => t >= 0);
  const yMax = top0 > 0 ? top0 : 1;
  const y = (v: number) => top + height - (Math.min(Math.max(v, 0), yMax) / yMax) * height;

  out.push(`<g class="panel" data-panel="${panel.id}">`);
  out.push(text(10, top - 8, panel.title, { class: 'panel-title', 'font-size': 12, 'font-weight': 'bold', fill: COLORS.text }));
  out.push(`<rect class="plot-area" x="${n(PLOT.left)}" y="${n(top)}" width="${n(PLOT_WIDTH)}" height="${n(height)}" fill="#FBFBFC" stroke="${COLORS.grid}"/>`);
  for (const t of timeTicksAt) out.push(`<line x1="${n(axis.x(t))}" y1="${n(top)}" x2="${n(axis.x(t))}" y2="${n(top + height)}" stroke="${COLORS.grid}"/>`);
  for (const v of ticks) {
    out.push(`<line x1="${n(PLOT.left)}" y1="${n(y(v))}" x2="${n(PLOT.left + PLOT_WIDTH)}" y2="${n(y(v))}" stroke="${COLORS.grid}"/>`);
    out.push(text(PLOT.left - 6, y(v) + 4, panel.format(v), { 'text-anchor': 'end', 'font-size': 10, fill: COLORS.muted }));
  }
  if (sorted.length === 0) {
    out.push(text(PLOT.left + PLOT_WIDTH / 2, top + height / 2 + 4, 'no samples', { class: 'empty', 'text-anchor': 'middle', fill: COLORS.muted }));
  } else {
    const points = sorted.map((s) => [s.at / 1000, panel.value(s)] as [number, number]);
    const { d } = linePath(points, (t) => axis.x(t * 1000), y, maxGapSeconds(sorted));
    const base = n(top + height);
    // The area under the line: each segment of the line closed down to the zero line.
    const area = d.replace(/M([\d.-]+) ([\d.-]+)((?:L[\d.-]+ [\d.-]+)*)/g, (_m, x0: string, y0: string, rest: string) => {
      const xs = [...rest.matchAll(/L([\d.-]+) /g)].map((m) => m[1]);
      const xEnd = xs.length ? xs[xs.length - 1] : x0;
      return `M${x0} ${base}L${x0} ${y0}${rest}L${xEnd} ${base}Z`;
    });
    out.push(`<path class="area" d="${area}" fill="${panel.color}" fill-opacity="0.12" stroke="none"/>`);
    out.push(`<path class="series" data-series="${panel.id}" data-points="${sorted.length}" d="${d}" fill="none" stroke="${panel.color}" stroke-width="1.8" stroke-linejoin="round"/>`);
    if (sorted.length === 1) out.push(`<circle cx="${n(axis.x(sorted[0]!.at))}" cy="${n(y(panel.value(sorted[0]!)))}" r="2.5" fill="${panel.color}"/>`);
  }
  out.push('</g>');
  return out.join('\n');
}
