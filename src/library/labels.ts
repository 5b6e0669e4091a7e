/**
 * Label declarations. A label is either a closed set of values, written as an array, or
 * `'open'` when its values are not known in advance (provider and model names from config).
 * Open labels must still be bounded: the catalog lint rejects ids of users, keys or requests.
 */
export type LabelValues = 'open' | readonly string[];

/** Label name → its values, as declared on a metric. */
export type LabelSpec = Readonly<Record<string, LabelValues>>;

/** The labels Prometheus adds to every scraped series. */
export type TargetLabel = 'job' | 'instance';
export const TARGET_LABELS: readonly TargetLabel[] = ['job', 'instance'];

/** The values a label accepts: the declared union for a closed set, any string otherwise. */
export type ValueOf<V> = V extends readonly (infer T extends string)[] ? T : string;

/** Every label name of a spec, as a string union. */
export type LabelNames<S extends LabelSpec> = Extract<keyof S, string>;

/** A complete label set for one series of a metric: every declared label, typed. */
export type LabelSet<S extends LabelSpec> = { readonly [K in LabelNames<S>]: ValueOf<S[K]> };
