import * as common from '@grafana/grafana-foundation-sdk/common';
import * as sdkTable from '@grafana/grafana-foundation-sdk/table';
import { applyData, spec, type DataPanelOptions, type PanelSpec } from './base.js';

export interface TableOptions extends DataPanelOptions {
  /** Column to sort by, ascending (the worst SLO first when it is the remaining budget). */
  sortBy?: string;
}

/**
 * A table of instant query results, one row per series, its labels as columns and the value
 * in the last one; the time column is hidden. Make the queries with `{ instant: true, format: 'table' }`.
 * @example
 * table({ title: 'SLO status', unit: 'percentunit', queries: [query(budgetRemaining, '', { instant: true, format: 'table' })] })
 */
export function table(o: TableOptions): PanelSpec {
  const b = applyData(new sdkTable.PanelBuilder(), o).withTransformation({ id: 'organize', options: { excludeByName: { Time: true } } });
  if (o.sortBy) b.sortBy([new common.TableSortByFieldStateBuilder().displayName(o.sortBy).desc(false)]);
  return spec(b, o);
}
