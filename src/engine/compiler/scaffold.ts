/**
 * The tsconfig.json `lookout init` writes. Bundler resolution reads lookout's package exports
 * and takes every file as an ES module whatever the package's "type" (as the loader runs them),
 * so it suits CommonJS packages too (npm 11's `npm init -y`). Node's types are named when
 * @types/node is installed: a definition may read a file or the environment.
 */
export function scaffoldTsconfig(options: { nodeTypes: boolean }): string {
  const compilerOptions = {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    ...(options.nodeTypes ? { types: ['node'] } : {}),
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
  return `${JSON.stringify({ compilerOptions, include: ['lookout.config.ts', 'metrics.ts', 'rules', 'slo', 'dashboards'] }, null, 2)}\n`;
}

/**
 * The minimal project `lookout init` writes: a catalog, one alert, its routing, two SLOs and a
 * dashboard. It must pass `lookout generate` and `lookout validate` as written.
 */
export const SCAFFOLD: Readonly<Record<string, string>> = {
  'lookout.config.ts': `import { defineProject } from 'lookout';
import { api } from './metrics.js';

export default defineProject({
  name: 'api',
  catalogs: [api],
  scrapeInterval: '15s',
  evaluationInterval: '30s',
  // Longer than the SLOs' 30-day period: their period windows read that much history.
  retention: '35d',
  runbookBaseUrl: 'https://runbooks.example.com/api',
  grafanaUrl: 'https://grafana.example.com',
  scrapeTargets: { api: ['localhost:8080'] },
  alertmanagers: ['localhost:9093'],
});
`,
  'metrics.ts': `import { counter, defineMetrics, histogram } from 'lookout';

/** What the api service exposes on /metrics: the single source of truth for its metric names. */
export const api = defineMetrics({
  job: 'api',
  metrics: {
    requests: counter({
      name: 'api_requests_total',
      help: 'HTTP requests answered by the api, by route and status code.',
      labels: { route: ['create', 'read'], code: ['200', '400', '404', '500', '503'] },
    }),
    duration: histogram({
      name: 'api_request_duration_seconds',
      help: 'Time to answer an HTTP request, end to end.',
      unit: 'seconds',
      labels: { route: ['create', 'read'] },
      buckets: [0.05, 0.1, 0.2, 0.5, 1, 2, 5],
    }),
  },
});
`,
  'rules/api.ts': `import { alert, ruleGroup } from 'lookout';
import { rate, re, sum } from 'lookout/promql';
import { api } from '../metrics.js';

const m = api.metrics;
const failed = sum(rate(m.requests.where({ code: re('5..') }), '5m')).by('route');
const all = sum(rate(m.requests, '5m')).by('route');

export default ruleGroup({
  name: 'api',
  rules: [
    alert({
      name: 'ApiHighErrorRate',
      expr: failed.div(all).gt(0.05),
      for: '5m',
      severity: 'page',
      summary: 'The api is answering with 5xx errors.',
      description: ({ labels, value }) => \`\${value.humanizePercentage()} of \${labels.route} requests failed over the last 5 minutes.\`,
      dashboard: 'api-overview',
      labels: { team: 'api' },
    }),
  ],
});
`,
  'rules/routing.ts': `import { defineRouting, pagerduty, slack } from 'lookout';

// Who hears about what: pages go to PagerDuty and the channel, tickets to the channel only.
// Secrets stay out of the generated config: receivers name the files they are mounted from.
export default defineRouting({
  receivers: [
    pagerduty({ name: 'api-pager', severities: ['page'], team: 'api', routingKeyFile: '/etc/alertmanager/secrets/pagerduty-api.key' }),
    slack({ name: 'api-slack', severities: ['page', 'ticket'], team: 'api', apiUrlFile: '/etc/alertmanager/secrets/slack-api.url', channel: '#api-alerts' }),
  ],
  route: {
    receiver: 'api-slack',
    groupBy: ['alertname', 'team'],
    routes: [
      { matchers: { severity: 'page' }, receiver: 'api-pager', continue: true },
      { matchers: { severity: ['page', 'ticket'] }, receiver: 'api-slack' },
    ],
  },
});
`,
  'slo/api.ts': `import { defineSLO, latency, ratio } from 'lookout';
import { re } from 'lookout/promql';
import { api } from '../metrics.js';

const m = api.metrics;
const alerting = { labels: { team: 'api' }, dashboard: 'api-slo' };

// Each SLO compiles to recording rules for every window, four burn-rate alerts (two page,
// two ticket) and their promtool tests.
export const requestsSuccess = defineSLO({
  service: 'api',
  name: 'requests-success',
  description: 'Requests are answered without a server error.',
  objective: 99.9,
  sli: ratio({ errors: m.requests.where({ code: re('5..') }), total: m.requests }),
  alerting: { name: 'ApiErrorBudgetBurn', ...alerting },
});

export const latency500ms = defineSLO({
  service: 'api',
  name: 'latency-500ms',
  description: '99% of requests are answered within 500 ms.',
  objective: 99,
  sli: latency({ histogram: m.duration, threshold: 0.5 }),
  alerting: { name: 'ApiLatencyBudgetBurn', ...alerting },
});
`,
  'dashboards/api.ts': `import { defineDashboard } from 'lookout';
import { histogramQuantile, rate, re, sum } from 'lookout/promql';
import { alertNamed, alertThreshold, query, rateInterval, row, scope, shareOf, scopeVariables, timeseries } from 'lookout/dashboards';
import { api } from '../metrics.js';
import apiRules from '../rules/api.js';

const m = api.metrics;

// Built from the same catalog as the alerts: a wrong metric or label is a type error. Every
// rate uses $__rate_interval; the error panel draws the line where ApiHighErrorRate fires, and
// reads 0 (not "No data") before the first error.
// Each SLO also gets a dashboard of its own, generated, and the service an SLO overview (api-slo).
export default defineDashboard({
  slug: 'api-overview',
  title: 'API overview',
  description: 'Requests, errors and latency of the api, by route.',
  variables: scopeVariables({ targets: m.requests }),
  rows: [
    row('Requests', [
      timeseries({
        title: 'Requests per second by route',
        unit: 'reqps',
        stack: true,
        queries: [query(sum(rate(m.requests.where(scope), rateInterval)).by('route'), '{{route}}')],
      }),
      timeseries({
        title: 'Error ratio by route',
        unit: 'percentunit',
        mirrors: alertThreshold(alertNamed(apiRules, 'ApiHighErrorRate')),
        queries: [
          query(shareOf(sum(rate(m.requests.where({ ...scope, code: re('5..') }), rateInterval)).by('route'), sum(rate(m.requests.where(scope), rateInterval)).by('route')), '{{route}}'),
        ],
      }),
      timeseries({
        title: 'p99 latency by route',
        unit: 's',
        queries: [query(histogramQuantile(0.99, sum(rate(m.duration.bucket.where(scope), rateInterval)).by('le', 'route')), '{{route}}')],
      }),
    ]),
  ],
});
`,
};
