/**
 * Typed alert templates. A description written as a function receives `labels`, typed by
 * the labels the alert's query keeps, so `labels.reason` after `sum by (direction)` is a
 * compile error; the function returns Prometheus template text.
 * @example
 * description: ({ labels, value }) => `5xx ratio on ${labels.provider} is ${value.humanizePercentage()}.`
 */
export interface TemplateContext<L extends string> {
  /** `{{ $labels.<name> }}` for each label the query keeps. */
  readonly labels: { readonly [K in L]: string };
  /** The alert's current value: `{{ $value }}` and its humanized forms. */
  readonly value: TemplateValue;
  /** `{{ $externalLabels.<name> }}`: labels of the Prometheus server (cluster, region). */
  readonly externalLabels: Readonly<Record<string, string>>;
}

export interface TemplateValue {
  toString(): string;
  /** 1234567 → "1.235M". */
  humanize(): string;
  /** 0.0526 → "5.26%". */
  humanizePercentage(): string;
  /** 90 → "1m 30s". */
  humanizeDuration(): string;
  /** Go printf of the value, e.g. `printf('%.2f')`. */
  printf(format: string): string;
}

/** A string, or a function of the typed template context that returns one. */
export type Templated<L extends string> = string | ((t: TemplateContext<L>) => string);

function labelProxy(variable: string): Record<string, string> {
  return new Proxy(
    {},
    {
      get: (_target, key) => (typeof key === 'string' ? `{{ ${variable}.${key} }}` : undefined),
    },
  );
}

const VALUE: TemplateValue = {
  toString: () => '{{ $value }}',
  humanize: () => '{{ $value | humanize }}',
  humanizePercentage: () => '{{ $value | humanizePercentage }}',
  humanizeDuration: () => '{{ $value | humanizeDuration }}',
  printf: (format: string) => `{{ printf ${JSON.stringify(format)} $value }}`,
};

const CONTEXT: TemplateContext<string> = {
  labels: labelProxy('$labels'),
  value: VALUE,
  externalLabels: labelProxy('$externalLabels'),
};

/** Turns a typed template into Prometheus template text. */
export function renderTemplated<L extends string>(t: Templated<L>): string {
  return typeof t === 'function' ? t(CONTEXT as TemplateContext<L>) : t;
}
