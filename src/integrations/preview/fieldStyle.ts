/**
 * How one series is drawn: the panel's field defaults with its overrides applied, as Grafana
 * applies them. A series named `success` with a `byName` override to green is green; a field
 * moved to the right axis keeps its own unit there; an override's thresholds color its value.
 */
import type { Panel, Thresholds } from '../grafana/dashboardFiles.js';
import { cssColor } from './colors.js';

export interface FieldStyle {
  unit?: string | undefined;
  decimals?: number | null | undefined;
  min?: number | null | undefined;
  max?: number | null | undefined;
  thresholds?: Thresholds | undefined;
  /** A fixed color (`color.mode: fixed`), as CSS; otherwise the palette or the thresholds decide. */
  color?: string | undefined;
  /** Whether the color comes from the thresholds (`color.mode: thresholds`). */
  colorByThresholds: boolean;
  axis: 'left' | 'right' | 'hidden';
  displayName?: string | undefined;
}

interface Override {
  matcher?: { id?: string; options?: unknown };
  properties?: { id?: string; value?: unknown }[];
}

interface ColorSetting {
  mode?: string;
  fixedColor?: string;
}

function matches(matcher: Override['matcher'], name: string, refId: string): boolean {
  const options = matcher?.options;
  switch (matcher?.id) {
    case 'byName':
      return options === name;
    case 'byRegexp':
      try {
        return typeof options === 'string' && new RegExp(`^(?:${options})$`).test(name);
      } catch {
        return false;
      }
    case 'byFrameRefID':
      return options === refId;
    default:
      return false;
  }
}

/** Sets one field config property (`unit`, `custom.axisPlacement`, `color`...) on `style`. */
function apply(style: FieldStyle, id: string | undefined, value: unknown): void {
  switch (id) {
    case 'unit':
      style.unit = typeof value === 'string' ? value : undefined;
      break;
    case 'decimals':
    case 'min':
    case 'max':
      style[id] = typeof value === 'number' ? value : undefined;
      break;
    case 'thresholds':
      style.thresholds = value as Thresholds;
      style.colorByThresholds = style.colorByThresholds || style.color === undefined;
      break;
    case 'displayName':
      style.displayName = typeof value === 'string' ? value : undefined;
      break;
    case 'custom.axisPlacement':
      style.axis = value === 'right' ? 'right' : value === 'hidden' ? 'hidden' : 'left';
      break;
    case 'color': {
      const c = value as ColorSetting | undefined;
      if (c?.mode === 'fixed' && c.fixedColor) {
        style.color = cssColor(c.fixedColor);
        style.colorByThresholds = false;
      } else if (c?.mode === 'thresholds') {
        style.color = undefined;
        style.colorByThresholds = true;
      }
      break;
    }
  }
}

/** The style of the series `name` (its legend text) from query `refId` of `panel`. */
export function fieldStyle(panel: Panel, name: string, refId: string): FieldStyle {
  const d = (panel.fieldConfig?.defaults ?? {}) as Record<string, unknown> & { custom?: { axisPlacement?: string } };
  const style: FieldStyle = { colorByThresholds: false, axis: 'left' };
  for (const id of ['unit', 'decimals', 'min', 'max', 'thresholds', 'displayName', 'color']) if (d[id] !== undefined) apply(style, id, d[id]);
  if (d.custom?.axisPlacement) apply(style, 'custom.axisPlacement', d.custom.axisPlacement);
  // Thresholds in the defaults only color a stat's value unless the color mode says otherwise.
  const overrides = ((panel.fieldConfig as { overrides?: Override[] } | undefined)?.overrides ?? []) as Override[];
  for (const o of overrides) {
    if (!matches(o.matcher, name, refId)) continue;
    for (const p of o.properties ?? []) apply(style, p.id, p.value);
  }
  return style;
}
