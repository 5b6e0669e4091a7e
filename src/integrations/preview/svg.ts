/** Small helpers for writing SVG and HTML by hand: escaping, numbers, text width. */

/** Escapes text for an HTML or SVG text node or a double-quoted attribute. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with one decimal: enough for a screen, and keeps the page small. */
export function n(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** Rough width of `text` at `size` px in the page's sans-serif font, for layout without a browser. */
export function textWidth(text: string, size = 11): number {
  return text.length * size * 0.58;
}

/** Cuts `text` to fit `width` px, with an ellipsis. */
export function fit(text: string, width: number, size = 11): string {
  const max = Math.max(1, Math.floor(width / (size * 0.58)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * An SVG path through the samples; a missing sample, a non-finite value or a gap wider than
 * `maxGap` seconds starts a new segment, as Grafana leaves gaps in a line.
 */
export function linePath(samples: readonly [number, number][], x: (t: number) => number, y: (v: number) => number, maxGap: number): { d: string; points: number } {
  let d = '';
  let points = 0;
  let lastT: number | undefined;
  for (const [t, v] of samples) {
    if (!Number.isFinite(v)) {
      lastT = undefined;
      continue;
    }
    const move = lastT === undefined || t - lastT > maxGap;
    d += `${move ? 'M' : 'L'}${n(x(t))} ${n(y(v))}`;
    points++;
    lastT = t;
  }
  return { d, points };
}

/** The last finite value of a series, or undefined. */
export function lastValue(samples: readonly [number, number][]): number | undefined {
  for (let i = samples.length - 1; i >= 0; i--) {
    const v = samples[i]![1];
    if (Number.isFinite(v)) return v;
  }
  return undefined;
}

/** Finite values of some series. */
export function finiteValues(series: readonly { samples: readonly [number, number][] }[]): number[] {
  const out: number[] = [];
  for (const s of series) for (const [, v] of s.samples) if (Number.isFinite(v)) out.push(v);
  return out;
}
