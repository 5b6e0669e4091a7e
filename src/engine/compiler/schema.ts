import { z } from 'zod';
import { parseDuration } from '../../library/duration.js';
import { SEVERITIES } from '../../library/alerts/define.js';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import type { LoadedProject } from './model.js';
import type { SLO } from '../../library/slo/define.js';
import { validateCatalogs } from './catalogShape.js';
import { validateDashboard } from './dashboardShape.js';
import { issuesToDiagnostics, placeOf, type Place } from './shapeIssues.js';

/**
 * Runtime validation of what the definition modules exported. The TypeScript types already
 * catch most mistakes; this catches the rest (a "1.5m" duration, an empty name, a module
 * written in plain JavaScript) before anything is compiled.
 */
const duration = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'not a Prometheus duration (30s, 5m, 1h30m)' });
const name = z.string().trim().min(1, { message: 'must not be empty' });
const record = z.record(z.string(), z.string());

const testSeries = z.object({ metric: name, labels: record, values: name });
const expectation = z.object({
  at: duration,
  firing: z.array(z.object({ labels: record.optional(), annotations: record.optional() })),
});
const testCase = z.object({
  name,
  interval: duration.optional(),
  series: z.array(testSeries).min(1, { message: 'a test needs at least one input series' }),
  expect: z.array(expectation).min(1, { message: 'a test needs at least one expectation' }),
});

const alertRule = z.object({
  kind: z.literal('alert'),
  name,
  expr: name,
  for: duration.optional(),
  keepFiringFor: duration.optional(),
  severity: z.enum(SEVERITIES as [string, ...string[]]),
  summary: z.string(),
  description: z.string(),
  runbook: z.string().optional(),
  dashboard: z.string().optional(),
  labels: record,
  annotations: record,
  tests: z.array(testCase),
});

const recordingRule = z.object({ kind: z.literal('record'), name, expr: name, labels: record });

const rule = z.discriminatedUnion('kind', [alertRule, recordingRule]);

const ruleGroup = z.object({
  kind: z.literal('rule-group'),
  name,
  interval: duration.optional(),
  limit: z.number().int().nonnegative().optional(),
  rules: z.array(z.object({ kind: z.enum(['alert', 'record']) }, { message: 'rules must be made with alert() or record()' })),
});

const tier = z.object({
  budgetPercent: z.number(),
  longWindow: duration,
  shortWindow: duration,
  for: duration,
  severity: z.enum(SEVERITIES as [string, ...string[]]),
  labels: record.optional(),
});

const slo = z.object({
  kind: z.literal('slo'),
  service: name,
  name,
  description: z.string(),
  objective: z.number({ message: 'objective must be a number (a percentage such as 99.9)' }),
  period: duration,
  sli: z.object({ kind: z.enum(['ratio', 'latency', 'availability', 'raw']) }, { message: 'sli must be made with ratio(), latency(), availability() or rawSLI()' }),
  groupBy: z.array(z.string()),
  labels: record,
  alerting: z.union([
    z.literal(false),
    z.object({
      name,
      labels: record.optional(),
      annotations: record.optional(),
      runbook: z.string().optional(),
      dashboard: z.string().optional(),
      tiers: z.union([z.array(tier), z.record(z.string(), z.union([z.literal(false), tier.partial()]))]).optional(),
    }),
  ]),
});

const timings = {
  groupBy: z.union([z.array(z.string()), z.literal('...')]).optional(),
  groupWait: duration.optional(),
  groupInterval: duration.optional(),
  repeatInterval: duration.optional(),
};
const routeMatchers = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.object({ op: z.enum(['!=', '=~', '!~']), value: z.string() })]));
type RouteShape = { routes?: RouteShape[] };
const route: z.ZodType<RouteShape> = z.lazy(() =>
  z.object({
    ...timings,
    matchers: routeMatchers,
    receiver: name.optional(),
    continue: z.boolean().optional(),
    muteTimeIntervals: z.array(name).optional(),
    activeTimeIntervals: z.array(name).optional(),
    routes: z.array(route).optional(),
  }),
);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be HH:MM' });
const routing = z.object({
  kind: z.literal('routing'),
  receivers: z
    .array(
      z.object({
        kind: z.literal('receiver', { message: 'receivers must be made with pagerduty(), slack(), webhook() or discard()' }),
        name,
        severities: z.array(z.enum(SEVERITIES as [string, ...string[]])).min(1, { message: 'a receiver is for at least one severity' }),
        team: name.optional(),
        config: z.record(z.string(), z.unknown()),
      }),
    )
    .min(1, { message: 'define at least one receiver' }),
  route: z.object({ ...timings, receiver: name, routes: z.array(route).optional() }),
  inhibitions: z.array(z.object({ reason: name, source: routeMatchers, target: routeMatchers, equal: z.array(name) })),
  sloTierInhibitions: z.boolean(),
  timeIntervals: z.record(
    z.string(),
    z.array(
      z.object({
        times: z.array(z.object({ start: clock, end: clock })).optional(),
        weekdays: z.array(z.string()).optional(),
        daysOfMonth: z.array(z.string()).optional(),
        months: z.array(z.string()).optional(),
        years: z.array(z.string()).optional(),
        location: z.string().optional(),
      }),
    ),
  ),
  templates: z.record(z.string(), z.string()),
  resolveTimeout: duration,
  tests: z.array(z.object({ name, labels: record, receivers: z.array(name).min(1, { message: 'a routing case expects at least one receiver' }) })),
});

const project = z.object({
  name,
  scrapeInterval: duration,
  evaluationInterval: duration,
  retention: duration,
  runbookBaseUrl: z.url(),
  grafanaUrl: z.url(),
  externalUrl: z.url(),
  externalLabels: record,
  scrapeTargets: z.record(z.string(), z.array(z.string().regex(/^[^\s/]+:\d+$/, { message: 'must be host:port' }))),
  prometheusRuleLabels: record,
  alertmanagers: z.array(z.string().regex(/^[^\s/]+:\d+$/, { message: 'must be host:port' })),
  // Each catalog is checked on its own (catalogShape.ts), at its own call site.
  catalogs: z.array(z.unknown()).min(1, { message: 'declare at least one metric catalog' }),
  services: z.array(
    z.object({
      catalog: z.object({ kind: z.literal('catalog'), job: name }),
      sources: z.array(name).min(1, { message: 'a service needs at least one source folder, file or glob' }),
      exclude: z.array(name),
    }),
  ),
});

/** `service/name` when an SLO has both, as its id reads; something readable when one was made by hand without them. */
function sloLabel(s: SLO): string {
  const part = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const service = part(s.service);
  const n = part(s.name);
  return service && n ? `${service}/${n}` : (n ?? (service ? `${service}/slo` : 'slo'));
}

/** A rule group's or rule's name as a path prefix, or what it is when it has none. */
function nameOr(v: { name?: unknown }, what: string): string {
  return typeof v.name === 'string' && v.name ? v.name : what;
}

/** Validates the loaded definitions; the returned diagnostics name the file and field path. */
export function validateShapes(loaded: LoadedProject): Diagnostic[] {
  const out: Diagnostic[] = [];
  const root = loaded.root;
  const config = placeOf(loaded.project, root, { file: 'lookout.config.ts' });
  const p = project.safeParse(loaded.project);
  if (!p.success) out.push(...issuesToDiagnostics(p.error, 'project', config));
  out.push(...validateCatalogs(loaded.catalogs, root, config));
  for (const mod of loaded.modules) {
    // Every definition collected from a module has a call site (load.ts gives a hand-made one
    // its export's); the module itself is the fallback for a LoadedProject made otherwise.
    const at = (definition: unknown, fallback: Place = { file: mod.relPath }) => placeOf(definition, root, fallback);
    for (const s of mod.slos) {
      const checked = slo.safeParse(s);
      if (!checked.success) out.push(...issuesToDiagnostics(checked.error, sloLabel(s), at(s)));
    }
    for (const r of mod.routings) {
      const checked = routing.safeParse(r);
      if (!checked.success) out.push(...issuesToDiagnostics(checked.error, 'routing', at(r)));
    }
    for (const d of mod.dashboards) out.push(...validateDashboard(d, root, at(d)));
    for (const group of mod.groups) {
      const g = ruleGroup.safeParse(group);
      if (!g.success) {
        out.push(...issuesToDiagnostics(g.error, nameOr(group, 'group'), at(group)));
        continue;
      }
      // Rules are validated one by one so a problem is reported under the rule's own name and call site.
      for (const r of group.rules) {
        const checked = rule.safeParse(r);
        if (!checked.success) out.push(...issuesToDiagnostics(checked.error, nameOr(r, 'rule'), at(r, at(group))));
      }
    }
  }
  return out;
}
