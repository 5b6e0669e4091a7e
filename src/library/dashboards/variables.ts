import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { LabelNames, LabelSpec, LabelValues, TargetLabel } from '../labels.js';
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
 * The standard variables of a service dashboard: datasource, then job and instance from a
 * metric every replica exposes, then provider and model from a metric that carries them,
 * each narrowed by the ones before.
 * @example
 * standardVariables({ targets: m.buildInfo, routing: m.requests })
 */
export function standardVariables<T extends LabelSpec, R extends LabelSpec & { readonly provider: LabelValues; readonly model: LabelValues }>(o: {
  targets: AnySelector<T>;
  routing?: AnySelector<R>;
}): VariableSpec[] {
  const out: VariableSpec[] = [
    datasourceVariable(),
    labelVariable({ name: 'job', metric: o.targets, labelName: 'job' }),
    labelVariable({ name: 'instance', metric: o.targets, labelName: 'instance', where: { job: variable('job') } as unknown as Matchers<T> }),
  ];
  if (o.routing) {
    const byJob = { job: variable('job'), instance: variable('instance') } as unknown as Matchers<R>;
    out.push(
      labelVariable({ name: 'provider', metric: o.routing, labelName: 'provider' as LabelNames<R>, where: byJob }),
      labelVariable({ name: 'model', metric: o.routing, labelName: 'model' as LabelNames<R>, where: { ...byJob, provider: variable('provider') } as Matchers<R> }),
    );
  }
  return out;
}
