import { esc as escText, n } from '../../preview/svg.js';

/**
 * The plot's fixed geometry and colors, and the one time axis every panel shares: real
 * seconds since the run started map to the same x in the traffic, error and alert panels.
 */
export const PLOT = {
  width: 1200,
  /** Room on the left for alert names and y-axis labels. */
  left: 270,
  right: 28,
  font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif',
} as const;

/** Width of the drawing area every panel shares. */
export const PLOT_WIDTH = PLOT.width - PLOT.left - PLOT.right;

/** Every color the plot uses besides the receivers'. */
export const COLORS = {
  traffic: '#3274D9',
  errors: '#EF843C',
  pending: '#EAB839',
  firing: '#E24D42',
  phase: '#555555',
  grid: '#E4E6EA',
  axis: '#8E8E8E',
  text: '#1F2328',
  muted: '#6A737D',
  pass: '#2E7D32',
  fail: '#C4162A',
} as const;

/** Receiver colors, by receiver name in code-point order; none is the pending or firing color. */
const RECEIVER_PALETTE = ['#1F78C1', '#BA43A9', '#508642', '#6ED0E0', '#705DA0', '#C15C17', '#447EBC', '#8AB8FF', '#CCA300', '#96D98D'];

/** A color per receiver, stable for a given set of receiver names. */
export function receiverColors(receivers: readonly string[]): Map<string, string> {
  return new Map(receivers.map((r, i) => [r, RECEIVER_PALETTE[i % RECEIVER_PALETTE.length]!]));
}

/** Maps Unix ms of the run to x, clamped to the run; the one source of x for every mark. */
export interface TimeAxis {
  readonly startedAt: number;
  readonly durationMs: number;
  x(at: number): number;
  /** Seconds since the start, rounded to ms, for data attributes a test or tool can read. */
  seconds(at: number): string;
}

/** The axis of a run from `startedAt` to `endedAt` (at least one second long, so it can be drawn). */
export function timeAxis(startedAt: number, endedAt: number): TimeAxis {
  // A zero-length run still gets a drawable axis.
  const durationMs = Math.max(1000, endedAt - startedAt);
  return {
    startedAt,
    durationMs,
    x: (at) => PLOT.left + (Math.min(Math.max(at - startedAt, 0), durationMs) / durationMs) * PLOT_WIDTH,
    seconds: (at) => ((at - startedAt) / 1000).toFixed(3),
  };
}

/** Text for SVG: escaped, and without control characters that XML 1.0 forbids. */
export function esc(text: string): string {
  return escText(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}

export { n };

/** `<text>` with the attributes given, escaped content. */
export function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrText(attrs)}>${esc(content)}</text>`;
}

/** ` key="value"` pairs, escaped, in the order given. */
export function attrText(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
}
