import * as common from '@grafana/grafana-foundation-sdk/common';
import * as sdkStat from '@grafana/grafana-foundation-sdk/stat';
import { STAT_HEIGHT, STAT_WIDTH } from '../conventions.js';
import { applyData, spec, type DataPanelOptions, type PanelSpec } from './base.js';

/**
 * A single number (the last value of each query), coloured by its thresholds, with a
 * sparkline. Queries are instant unless asked otherwise, since only the last value shows.
 * @example
 * stat({ title: 'Requests in the last 24 hours', unit: 'short', queries: [query(sum(increase(m.requests.where(scope), '1d')))] })
 */
export function stat(o: DataPanelOptions & { sparkline?: boolean }): PanelSpec {
  const b = applyData(new sdkStat.PanelBuilder(), o)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(o.sparkline === false ? common.BigValueGraphMode.None : common.BigValueGraphMode.Area)
    .textMode(common.BigValueTextMode.Auto);
  return spec(b, o, { width: STAT_WIDTH, height: STAT_HEIGHT });
}
