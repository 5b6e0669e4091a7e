import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { LabelNames, LabelSpec, TargetLabel } from '../labels.js';
import type { Matchers, Selector } from '../promql/builder/selector.js';
import { DATASOURCE_REF, DATASOURCE_VARIABLE } from './conventions.js';
import { promql, variable } from './query.js';

export type VariableSpec = cog.Builder<dashboard.VariableModel>;

/** The Prometheus datasource picker every house dashboard has; panels read `${datasource}`. */
export function datasourceVariable(): VariableSpec {
  return new dashboard.DatasourceVariableBuilder(DATASOURCE_VARIABLE).label('Data source').type('prometheus');
}

type AnySelector<S extends LabelSpec> = Selector<'counter' | 'gauge', string, S>;

export interface LabelVariableOptions<S extends LabelSpec> {
  /** Variable name, used in queries as `$name`. */
  name: string;
  /** Shown next to the picker; the name by default. */
  label?: string;
  /** The catalog metric whose series list the values. */
  metric: AnySelector<S>;
  /** The label whose values are offered; it must exist on the metric. */
  labelName: LabelNames<S> | TargetLabel;
  /** Narrows the series, usually to the variables chosen before this one. */
  where?: Matchers<S>;
}

/**
 * A multi-select variable listing a label's values on a catalog metric, with "All" meaning
 * any value (`.*`), refreshed when the time range changes so vanished values drop out.
 * @example
 * labelVariable({ name: 'provider', metric: m.requests, labelName: 'provider', where: { job: variable('job') } })
 */
export function labelVariable<S extends LabelSpec>(o: LabelVariableOptions<S>): VariableSpec {
  const selector = o.where ? o.metric.where(o.where) : o.metric;
  const q = `label_values(${promql(selector)}, ${o.labelName})`;
  return new dashboard.QueryVariableBuilder(o.name)
    .label(o.label ?? o.name)
    .datasource({ ...DATASOURCE_REF })
    .query(q)
    .definition(q)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: ['All'], value: ['$__all'] });
}

/**
 * The variables that narrow a service dashboard to where it runs: datasource, then job and
 * instance from a metric every replica exposes, instance narrowed by the chosen job. The
 * `scope` matchers read them. Labels of your own (a region, a tenant) are `labelVariable`s
 * after these.
 * @example
 * variables: [...scopeVariables({ targets: m.buildInfo }), labelVariable({ name: 'route', metric: m.requests, labelName: 'route', where: scope })]
 */
export function scopeVariables<T extends LabelSpec>(o: { targets: AnySelector<T> }): VariableSpec[] {
  return [
    datasourceVariable(),
    labelVariable({ name: 'job', metric: o.targets, labelName: 'job' }),
    labelVariable({ name: 'instance', metric: o.targets, labelName: 'instance', where: { job: variable('job') } as unknown as Matchers<T> }),
  ];
}
