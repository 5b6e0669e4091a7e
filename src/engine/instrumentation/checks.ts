import { defineCheck } from '../../library/diagnostics/check.js';

// `lookout lint` runs these over a service's TypeScript sources (src/engine/instrumentation/); they are
// defined here, with the library's other checks, so `lookout checks` and docs/checks.md list them.

export const promClientImport = defineCheck({
  id: 'lint/prom-client-import',
  severity: 'error',
  title: 'Service code does not import prom-client',
  why: 'prom-client is how a metric gets created outside the catalog: whatever it builds is invisible to the rules, SLOs and dashboards typed from the catalog. The service records through `instrument(catalog)` only.',
});

export const metricOutsideCatalog = defineCheck({
  id: 'lint/metric-outside-catalog',
  severity: 'error',
  title: 'Service code creates no metric outside the catalog file (no prom-client `new Counter(...)`, no `counter()`)',
  why: 'Neither prom-client\'s `new Counter/Gauge/Histogram/Summary(...)` nor the library\'s `counter()`, `gauge()`, `histogram()` or `defineMetrics()` belongs in service code. A metric declared at its call site has no entry in the catalog, so no query is checked against it, its labels are unbounded by anything, and nobody monitoring the service knows it exists.',
});

export const metricNeverEmitted = defineCheck({
  id: 'lint/metric-never-emitted',
  severity: 'error',
  title: 'Every catalog metric is recorded somewhere in its service',
  why: 'A catalog entry nobody records is a promise the service does not keep: the series never appears, and every query, alert and panel built on it reads nothing.',
});

export const readButNeverEmitted = defineCheck({
  id: 'lint/read-but-never-emitted',
  severity: 'error',
  title: 'Every catalog metric an alert, recording rule, SLO or dashboard reads is recorded by its service',
  why: 'An alert on a metric nobody emits can never fire, an SLO on one never burns budget, and a panel on one stays empty; all of them look healthy.',
});

export const untracedRecording = defineCheck({
  id: 'lint/untraced-recording',
  severity: 'warning',
  title: 'Every recording call can be traced to the catalog entry it records',
  why: 'The lint proves a metric is emitted by following the instrument from `instrument(catalog)` to the call; an instrument passed through an untyped path cannot be followed, so its metric may be reported as never emitted. Type it as `Instruments<typeof catalog>[\'key\']`.',
});

export const serviceConfig = defineCheck({
  id: 'lint/service-config',
  severity: 'error',
  title: 'Each service declares a project catalog and sources that match files',
  why: 'A misspelt source folder lints nothing and reports every metric as never emitted; a catalog that is not the project\'s is not read by any definition.',
});

/** Every check `lookout lint` runs, for the registry. */
export const LINT_CHECKS = [promClientImport, metricOutsideCatalog, metricNeverEmitted, readButNeverEmitted, untracedRecording, serviceConfig] as const;
