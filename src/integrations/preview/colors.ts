/**
 * Colors: Grafana's classic series palette, its named threshold colors, and the color a value
 * takes from a panel's thresholds.
 */
import type { Thresholds } from '../grafana/dashboardFiles.js';

/** Grafana's "classic palette", in order: series N gets color N mod length. */
export const SERIES_PALETTE = ['#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0', '#508642', '#CCA300', '#447EBC', '#C15C17'];

const NAMED: Record<string, string> = {
  green: '#73BF69',
  red: '#F2495C',
  yellow: '#FADE2A',
  orange: '#FF9830',
  blue: '#5794F2',
  purple: '#B877D9',
  text: '#464c54',
  transparent: 'transparent',
};

/** A Grafana color name (`red`, `dark-red`, `semi-dark-green`) or CSS color, as CSS. */
export function cssColor(name: string): string {
  if (name.startsWith('#') || name.startsWith('rgb')) return name;
  const base = name.replace(/^(super-light|light|semi-dark|dark)-/, '');
  return NAMED[base] ?? NAMED[name] ?? '#8e8e8e';
}

/** One threshold line: the value it sits at and its color. The base step (value null) has none. */
export interface ThresholdLine {
  value: number;
  color: string;
}

/**
 * The threshold values of a panel; percentage thresholds are placed between `min` and `max`
 * of the data (or the panel's own min and max), as Grafana places them.
 */
export function thresholdLines(thresholds: Thresholds | undefined, range: { min: number; max: number }): ThresholdLine[] {
  if (!thresholds) return [];
  const percent = thresholds.mode === 'percentage';
  return thresholds.steps
    .filter((s) => typeof s.value === 'number' && Number.isFinite(s.value))
    .map((s) => ({ value: percent ? range.min + ((range.max - range.min) * (s.value as number)) / 100 : (s.value as number), color: cssColor(s.color) }));
}

/** The color of the highest step at or below `v`: how a stat or gauge colors its value. */
export function thresholdColor(thresholds: Thresholds | undefined, v: number, range: { min: number; max: number }): string | undefined {
  if (!thresholds || thresholds.steps.length === 0) return undefined;
  const base = thresholds.steps.find((s) => s.value === null || s.value === undefined);
  let color = base ? cssColor(base.color) : undefined;
  for (const line of thresholdLines(thresholds, range).sort((a, b) => a.value - b.value)) if (v >= line.value) color = line.color;
  return color;
}
