import os from 'node:os';
import { writeBenchProject } from './lookoutProject.js';

/**
 * The synthetic alert project the alert generate benchmark times: N alert rules in the shapes
 * the reference rules/ use, so the measure includes what their promtool test synthesis costs.
 * Each (service, route) contributes one alert of each shape, in this order, and every
 * GROUP_ROUTES routes of a service make one rule group in its own module, as in rules/: a
 * promtool test file loads its module's whole rule file, so bigger modules would make every
 * test evaluate every other group's rules too.
 */

/** The alert shapes of the reference rules, one alert of each per route. */
export const ALERT_SHAPES = [
  /** A 5xx ratio per region, with `for` (GatewayHighErrorRate, GatewayProviderErrorRate). */
  'ratio',
  /** A rate of one outcome per instance over a threshold, with `for` (GatewayOutboxFlushFailing). */
  'rate',
  /** A p99 from a histogram over a bucket boundary (GatewayHighP99Latency). */
  'quantile',
  /** A gauge over its capacity, a ratio of two gauges (GatewayOutboxFillRatioHigh). */
  'gauge-ratio',
  /** No series at all for a job's route: the exporter is gone (absent()). */
  'absent',
] as const;
export type AlertShape = (typeof ALERT_SHAPES)[number];

/** Routes per service; each route gets one alert of every shape. */
export const ROUTES_PER_SERVICE = 20;
/** Routes per rule group: a group holds GROUP_ROUTES × ALERT_SHAPES.length alerts and becomes one rule file and one promtool test file. */
export const GROUP_ROUTES = 2;
const ALERTS_PER_SERVICE = ROUTES_PER_SERVICE * ALERT_SHAPES.length;
const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUANTILE_THRESHOLDS = [1, 2.5, 5];
const RATIO_THRESHOLDS = [0.01, 0.02, 0.05];

export interface BenchAlert {
  service: string;
  route: string;
  group: string;
  shape: AlertShape;
  name: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const camel = (s: string) => s.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
const SHAPE_SUFFIX: Record<AlertShape, string> = { ratio: 'ErrorRatio', rate: 'Throttled', quantile: 'SlowP99', 'gauge-ratio': 'QueueFull', absent: 'Absent' };

/**
 * The first `n` alerts, in a fixed order: services fill up one after another. Services are
 * named `<servicePrefix>00`, `<servicePrefix>01`...: another prefix keeps them apart from the
 * SLO benchmark's `svc` services in one project.
 */
export function benchAlerts(n: number, servicePrefix = 'svc'): BenchAlert[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`the alert count must be a positive whole number, not ${n}`);
  const out: BenchAlert[] = [];
  for (let i = 0; i < n; i++) {
    const service = `${servicePrefix}${pad(Math.floor(i / ALERTS_PER_SERVICE))}`;
    const within = i % ALERTS_PER_SERVICE;
    const r = Math.floor(within / ALERT_SHAPES.length);
    const shape = ALERT_SHAPES[within % ALERT_SHAPES.length]!;
    const route = `r${pad(r)}`;
    const group = `${service}-g${pad(Math.floor(r / GROUP_ROUTES))}`;
    out.push({ service, route, group, shape, name: `${camel(service)}${camel(route)}${SHAPE_SUFFIX[shape]}` });
  }
  return out;
}

const routesOf = (alerts: readonly BenchAlert[]) => [...new Set(alerts.map((a) => a.route))];
const list = (values: readonly (string | number)[]) => `[${values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')}]`;

function catalogModule(service: string, routes: readonly string[]): string {
  return `import { counter, defineMetrics, gauge, histogram } from 'lookout';

export const ${service} = defineMetrics({
  job: '${service}',
  metrics: {
    requests: counter({
      name: '${service}_requests_total',
      help: 'Requests answered by ${service}.',
      labels: { route: ${list(routes)}, code: ['200', '429', '500', '503'], region: ['eu', 'us'] },
    }),
    duration: histogram({
      name: '${service}_request_duration_seconds',
      help: 'Latency of ${service} requests.',
      unit: 'seconds',
      labels: { route: ${list(routes)}, region: ['eu', 'us'] },
      buckets: ${list(BUCKETS)},
    }),
    queueDepth: gauge({
      name: '${service}_queue_depth',
      help: 'Requests waiting in the ${service} queue.',
      labels: { route: ${list(routes)} },
    }),
    queueCapacity: gauge({
      name: '${service}_queue_capacity',
      help: 'How many requests the ${service} queue holds.',
      labels: { route: ${list(routes)} },
    }),
  },
});
`;
}

function alertDefinition(a: BenchAlert, index: number): string {
  const where = `route: '${a.route}'`;
  const common = `      name: '${a.name}',
      dashboard: '${a.service}-overview',
      labels: { team: '${a.service}' },`;
  switch (a.shape) {
    case 'ratio': {
      const threshold = RATIO_THRESHOLDS[index % RATIO_THRESHOLDS.length]!;
      return `    alert({
${common}
      expr: sum(rate(m.requests.where({ ${where}, code: re('5..') }), '5m')).by('region').div(sum(rate(m.requests.where({ ${where} }), '5m')).by('region')).gt(${threshold}),
      for: '5m',
      severity: 'page',
      summary: 'Route ${a.route} requests to ${a.service} are failing with 5xx.',
      description: ({ labels, value }) => \`\${value.humanizePercentage()} of ${a.route} requests in \${labels.region} returned 5xx over 5 minutes.\`,
    }),`;
    }
    case 'rate':
      return `    alert({
${common}
      expr: sum(rate(m.requests.where({ ${where}, code: '429' }), '5m')).by('instance').gt(${1 + (index % 5)}),
      for: '10m',
      severity: 'ticket',
      summary: 'Service ${a.service} is throttling ${a.route} requests.',
      description: ({ labels, value }) => \`\${labels.instance} answered \${value.humanize()} ${a.route} requests per second with 429.\`,
    }),`;
    case 'quantile':
      return `    alert({
${common}
      expr: histogramQuantile(0.99, sum(rate(m.duration.bucket.where({ ${where} }), '10m')).by('le', 'region')).gt(${QUANTILE_THRESHOLDS[index % QUANTILE_THRESHOLDS.length]}),
      for: '15m',
      severity: 'ticket',
      summary: 'Route ${a.route} requests to ${a.service} are slow at p99.',
      description: ({ labels, value }) => \`The p99 of ${a.route} requests in \${labels.region} was \${value.humanizeDuration()} over 10 minutes.\`,
    }),`;
    case 'gauge-ratio':
      return `    alert({
${common}
      expr: m.queueDepth.where({ ${where} }).div(m.queueCapacity.where({ ${where} })).gt(0.5),
      for: '5m',
      severity: 'ticket',
      summary: 'A ${a.service} queue for ${a.route} is more than half full.',
      description: ({ labels, value }) => \`The ${a.route} queue of \${labels.instance} is \${value.humanizePercentage()} full.\`,
    }),`;
    case 'absent':
      return `    alert({
${common}
      expr: absent(m.requests.where({ job: '${a.service}', ${where} })),
      for: '10m',
      severity: 'ticket',
      summary: 'No ${a.route} request series from ${a.service}.',
      description: 'Prometheus has no ${a.service}_requests_total series for route ${a.route}: the service is down or stopped exporting.',
    }),`;
  }
}

function rulesModule(group: string, alerts: readonly BenchAlert[], offset: number): string {
  const service = alerts[0]!.service;
  return `import { alert, ruleGroup } from 'lookout';
import { absent, histogramQuantile, rate, re, sum } from 'lookout/promql';
import { ${service} } from '../catalog/${service}.js';

const m = ${service}.metrics;

export default ruleGroup({
  name: '${group}',
  interval: '30s',
  rules: [
${alerts.map((a, i) => alertDefinition(a, offset + i)).join('\n')}
  ],
});
`;
}

/**
 * Writes a lookout project holding `alerts` into a new folder under `parent`: a catalog per
 * service, a rules/<group>.ts per group, and what resolves 'lookout' to this repository's
 * source (as writeLookoutProject does for SLOs).
 */
export function writeAlertProject(alerts: readonly BenchAlert[], parent = os.tmpdir()): string {
  return writeBenchProject({
    prefix: `lookout-bench-alerts-${alerts.length}-`,
    parent,
    name: 'bench-alerts',
    services: alertServices(alerts),
    settings: { scrapeInterval: '15s', evaluationInterval: '30s', retention: '15d', ...ALERT_LINKS },
    modules: alertModules(alerts),
  });
}

/** What alert annotations link to: every alert gets a runbook and a dashboard URL. */
export const ALERT_LINKS = { runbookBaseUrl: 'https://runbooks.example.com/bench', grafanaUrl: 'https://grafana.example.com' } as const;

export const alertServices = (alerts: readonly BenchAlert[]) => [...new Set(alerts.map((a) => a.service))];

/** The modules of `alerts`: a catalog/<service>.ts per service and a rules/<group>.ts per group. */
export function alertModules(alerts: readonly BenchAlert[]): Record<string, string> {
  const modules: Record<string, string> = {};
  for (const s of alertServices(alerts)) modules[`catalog/${s}.ts`] = catalogModule(s, routesOf(alerts.filter((a) => a.service === s)));
  for (const g of new Set(alerts.map((a) => a.group))) {
    const mine = alerts.filter((a) => a.group === g);
    modules[`rules/${g}.ts`] = rulesModule(g, mine, alerts.indexOf(mine[0]!));
  }
  return modules;
}
