import type { LabelSpec } from '../labels.js';

/** Checks one call's labels against a metric's declaration and returns them for prom-client. */
export type LabelGuard = (labels: unknown) => Record<string, string>;

/**
 * Builds the run-time twin of `LabelSet<S>`. The types already reject bad labels, but values
 * also arrive from config, upstream responses and `as` casts; a value outside a closed set
 * would silently become a series no query, alert or dashboard knows about, so it throws.
 * Open labels only have to be strings: their bound is the catalog lint's job.
 */
export function labelGuard(metricName: string, spec: LabelSpec): LabelGuard {
  const names = Object.keys(spec);
  const closed = new Map<string, ReadonlySet<string>>();
  for (const [name, values] of Object.entries(spec)) if (values !== 'open') closed.set(name, new Set(values));
  const fail = (message: string): never => {
    throw new Error(`metric ${metricName}: ${message}`);
  };

  return (labels) => {
    if (typeof labels !== 'object' || labels === null) return fail(`expected a label object {${names.join(', ')}}, got ${String(labels)}`);
    const record = labels as Record<string, unknown>;
    for (const name of names) {
      const value = record[name];
      if (typeof value !== 'string') fail(`label "${name}" is ${value === undefined ? 'missing' : `not a string (${typeof value})`}`);
      const allowed = closed.get(name);
      if (allowed && !allowed.has(value as string)) {
        fail(`label "${name}" has value ${JSON.stringify(value)}, which the catalog does not declare (${[...allowed].join(', ')})`);
      }
    }
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(spec, key)) fail(`label "${key}" is not declared (labels: ${names.join(', ') || 'none'})`);
    }
    return record as Record<string, string>;
  };
}
