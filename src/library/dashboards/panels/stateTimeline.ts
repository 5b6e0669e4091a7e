import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import { applyData, spec, type DataPanelOptions, type PanelSpec } from './base.js';

/** A named value of a state series and its colour. */
export interface StateStyle {
  readonly value: number;
  readonly text: string;
  readonly color: string;
}

export interface StateTimelineOptions extends Omit<DataPanelOptions, 'unit'> {
  /** What each value means. Take them from the catalog (`stateStyles(m.circuitState, ...)`), never retype them. */
  states: readonly StateStyle[];
}

/**
 * One band per series, coloured by state: circuit breakers, firing alerts. Values are mapped
 * to names, so the unit is `none`.
 * @example
 * stateTimeline({ title: 'Circuit state', states: stateStyles(m.circuitState, { closed: 'green', half_open: 'orange', open: 'red' }),
 *   queries: [query(max(m.circuitState.where(scope)).by('provider', 'credential'), '{{provider}} {{credential}}')] })
 */
export function stateTimeline(o: StateTimelineOptions): PanelSpec {
  const mappings: dashboard.ValueMapping[] = [
    {
      type: dashboard.MappingType.ValueToText,
      options: Object.fromEntries([...o.states].sort((a, b) => a.value - b.value).map((s, i) => [String(s.value), { text: s.text, color: s.color, index: i }])),
    },
  ];
  const b = applyData(new statetimeline.PanelBuilder(), { ...o, unit: 'none' })
    .mappings(mappings)
    .showValue(common.VisibilityMode.Never)
    .mergeValues(true)
    .fillOpacity(80)
    .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).showLegend(true));
  return spec(b, o);
}

/**
 * The states of an enum gauge from the catalog, each with a colour: the encoding is read
 * from the metric, so the panel cannot disagree with what the service records.
 * @example
 * stateStyles(m.circuitState, { closed: 'green', half_open: 'orange', open: 'red' })
 */
export function stateStyles<ST extends Readonly<Record<string, number>>>(metric: { readonly states?: ST | undefined; readonly info: { readonly name: string } }, colors: { readonly [K in keyof ST]: string }): StateStyle[] {
  const states = metric.states;
  if (!states) throw new Error(`gauge ${metric.info.name} declares no states`);
  return Object.entries(states).map(([text, value]) => ({ value, text, color: colors[text as keyof ST] }));
}
