import { z } from 'zod';
import { nonEmpty, scalar } from '../fields.js';

/**
 * Sloth's spec as zod schemas of strict objects (unknown keys are reported, see knownFields).
 * A field Sloth spells two ways (`error_query` in prometheus/v1, `errorQuery` in the
 * Kubernetes CRD, each form found in the other in Sloth's own examples over its versions)
 * takes both; spellings.ts picks one and says when the other was used.
 */

const stringMap = z.record(z.string(), scalar).optional();
const query = nonEmpty.optional();
const duration = z.union([z.string(), z.number()], { error: 'must be a duration such as 5m' }).transform(String).optional();

const alert = z
  .strictObject({
    disable: z.boolean().optional(),
    labels: stringMap,
    annotations: stringMap,
    /** Read by the sloth.dev/contrib/alert_for/v1 plugin only. */
    for: duration,
  })
  .optional();

export const pluginSchema = z.strictObject({
  id: nonEmpty,
  config: z.unknown().optional(),
  priority: z.number().int().optional(),
});

const plugins = z
  .strictObject({
    overridePrevious: z.boolean().optional(),
    chain: z.array(pluginSchema).nullish(),
  })
  .optional();

const slo = z.strictObject({
  name: nonEmpty,
  objective: z
    .number()
    .gt(0, { error: 'must be a percentage above 0 and below 100, such as 99.9' })
    .lt(100, { error: 'must be below 100: an objective of 100% leaves no error budget to alert on' }),
  description: z.string().optional(),
  labels: stringMap,
  /** Labels of Sloth's `sloth_slo_info` series only (an older prometheus/v1 field). */
  infoLabels: stringMap,
  plugins,
  /** Rule group intervals (an older prometheus/v1 field, now the rule_intervals plugin). */
  interval: z.strictObject({ all: duration, slierror: duration, metadata: duration, alert: duration }).optional(),
  sli: z.strictObject({
    events: z.strictObject({ error_query: query, errorQuery: query, total_query: query, totalQuery: query }).optional(),
    raw: z.strictObject({ error_ratio_query: query, errorRatioQuery: query }).optional(),
    plugin: z.strictObject({ id: nonEmpty, options: stringMap }).optional(),
  }),
  alerting: z
    .strictObject({
      name: z.string().optional(),
      labels: stringMap,
      annotations: stringMap,
      page_alert: alert,
      pageAlert: alert,
      ticket_alert: alert,
      ticketAlert: alert,
    })
    .optional(),
});

const group = {
  service: nonEmpty,
  labels: stringMap,
  slo_plugins: plugins,
  sloPlugins: plugins,
  slos: z.array(slo).min(1, { error: 'must list at least one SLO' }),
};

/** A plain Sloth spec file: `version: prometheus/v1`. */
export const specSchema = z.strictObject({
  version: z.literal('prometheus/v1', { error: 'must be "prometheus/v1" (the only Sloth spec version lookout reads)' }),
  ...group,
});

/** The `spec` of a `PrometheusServiceLevel` (or `ManagedPrometheusServiceLevel`): no version. */
export const crdSpecSchema = z.strictObject(group);

export type SlothGroup = z.infer<typeof crdSpecSchema>;
export type SlothSLO = SlothGroup['slos'][number];
export type SlothAlerting = NonNullable<SlothSLO['alerting']>;
export type SlothAlert = NonNullable<SlothAlerting['page_alert']>;
export type SlothPlugins = NonNullable<SlothGroup['slo_plugins']>;
export type SlothPlugin = z.infer<typeof pluginSchema>;
