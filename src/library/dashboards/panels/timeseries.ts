import * as common from '@grafana/grafana-foundation-sdk/common';
import * as sdkTimeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { alertSteps, type AlertThreshold } from '../thresholds.js';
import { applyData, spec, type DataPanelOptions, type PanelSpec } from './base.js';

export interface TimeseriesOptions extends DataPanelOptions {
  /** Stack the series (shares of a whole: requests by code, spend by team). */
  stack?: boolean;
  /** Draw as bars (counts per hour or day). */
  bars?: boolean;
  /**
   * The alert this panel mirrors: its threshold becomes the panel's, drawn as a line in the
   * alert's colour, so the chart shows where the rule fires.
   */
  mirrors?: AlertThreshold;
}

/**
 * A time series panel in the house style: table legend with mean, max and last, a shared
 * tooltip sorted by value, thin lines, thresholds drawn as dashed lines.
 * @example
 * timeseries({ title: 'Requests per second by code', unit: 'reqps', stack: true,
 *   queries: [query(sum(rate(m.requests.where(scope), rateInterval)).by('code'), '{{code}}')] })
 */
export function timeseries(o: TimeseriesOptions): PanelSpec {
  const thresholds = o.mirrors ? alertSteps(o.mirrors) : o.thresholds;
  const b = applyData(new sdkTimeseries.PanelBuilder(), { ...o, thresholds })
    .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.Table).placement(common.LegendPlacement.Bottom).showLegend(true).calcs(['mean', 'max', 'lastNotNull']))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending))
    .lineWidth(1)
    .fillOpacity(o.stack ? 30 : 10)
    .showPoints(common.VisibilityMode.Never)
    .drawStyle(o.bars ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line);
  if (o.stack) b.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  if (thresholds) b.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  if (o.mirrors && !o.description) b.description(`The dashed line is where ${o.mirrors.alert} fires (${o.mirrors.op} ${o.mirrors.value}).`);
  return spec(b, o, {}, o.mirrors);
}
