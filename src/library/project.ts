import type { Duration } from './duration.js';
import type { Catalog } from './catalog/define.js';
import type { SourceLocation } from './diagnostics/diagnostic.js';
import { captureSource } from './source.js';
import { keptIgnore, type Ignore } from './diagnostics/ignore.js';
import type { SLOCompat } from './slo/slothCompat.js';

/**
 * A process that exposes one catalog's metrics, and where its code is: what `lookout lint`
 * reads to prove the service records every catalog metric and creates none of its own.
 * @example
 * { catalog: gateway, sources: ['src/integrations/gateway'], exclude: ['src/integrations/gateway/mock'] }
 */
export interface ServiceOptions {
  /** The catalog the service records through `instrument(catalog)`. */
  catalog: Catalog;
  /**
   * The service's TypeScript sources: folders, files or globs (`*`, `**`, `?`) relative to the
   * project folder. The catalog's own file and test files (`*.test.ts`, `*.spec.ts`) are never
   * service code.
   */
  sources: readonly string[];
  /** Folders, files or globs under `sources` that are not the service: fake backends, fixtures. */
  exclude?: readonly string[];
}

export interface Service {
  readonly catalog: Catalog;
  readonly sources: readonly string[];
  readonly exclude: readonly string[];
}

export interface ProjectOptions {
  /** Short name of what is monitored; used in generated file headers. */
  name: string;
  /** The metric catalogs queries may read. Prometheus's own `up` is always known. */
  catalogs: readonly Catalog[];
  /** How often Prometheus scrapes the targets; ranges must span at least two scrapes. Default 15s. */
  scrapeInterval?: Duration;
  /** Default rule evaluation interval for groups without their own. Default 30s. */
  evaluationInterval?: Duration;
  /** TSDB retention of the Prometheus that runs the rules. Default 15d. */
  retention?: Duration;
  /** Base URL of the published runbooks; an alert's runbook_url is `<base>/<alert-slug>`. */
  runbookBaseUrl?: string;
  /** Base URL of Grafana; an alert's `dashboard` uid becomes `<grafanaUrl>/d/<uid>`. */
  grafanaUrl?: string;
  /** External labels of the Prometheus server, visible to templates as $externalLabels. */
  externalLabels?: Readonly<Record<string, string>>;
  /** Prometheus's --web.external-url, visible to templates as $externalURL. */
  externalUrl?: string;
  /**
   * Where the generated prometheus.yml scrapes each catalog's job: `host:port` targets per job
   * name. A catalog whose job has no targets here gets no scrape config.
   */
  scrapeTargets?: Readonly<Record<string, readonly string[]>>;
  /** The Alertmanagers the generated prometheus.yml sends alerts to, as `host:port`. */
  alertmanagers?: readonly string[];
  /** Labels on the generated PrometheusRule resources, for the Operator's `ruleSelector`. */
  prometheusRuleLabels?: Readonly<Record<string, string>>;
  /** The services that record the catalogs' metrics, for `lookout lint`. None by default. */
  services?: readonly ServiceOptions[];
  /**
   * The output every SLO is compiled for, unless it sets its own `compat`. `'lookout'` (the
   * default) writes lookout's series and labels only. `'sloth'` adds what Sloth writes, so a
   * team moving from Sloth keeps its Grafana dashboards and its Alertmanager routes: the
   * `sloth_id`, `sloth_service`, `sloth_slo` labels on every series, `sloth_window` on each
   * `slo:sli_error:ratio_rate<window>` (all of Sloth's windows are recorded), the series
   * `slo:current_burn_rate:ratio`, `slo:period_burn_rate:ratio`,
   * `slo:period_error_budget_remaining:ratio`, `slo:time_period:days` and `sloth_slo_info`, and
   * `sloth_severity` (`page` or `ticket`) on every tier alert. lookout's own series, labels,
   * dashboards, tests and inhibition rules are unchanged by it.
   * @example
   * export default defineProject({ name: 'shop', catalogs: [shop], sloCompat: 'sloth' });
   */
  sloCompat?: SLOCompat;
  /** Checks silenced in the whole project, each with the reason: `{ 'alert/links': 'no Grafana yet' }`. */
  ignore?: Ignore;
}

export interface Project extends Required<Omit<ProjectOptions, 'externalLabels' | 'scrapeTargets' | 'alertmanagers' | 'prometheusRuleLabels' | 'services' | 'sloCompat' | 'ignore'>> {
  readonly kind: 'project';
  readonly sloCompat: SLOCompat;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly scrapeTargets: Readonly<Record<string, readonly string[]>>;
  readonly alertmanagers: readonly string[];
  readonly prometheusRuleLabels: Readonly<Record<string, string>>;
  readonly services: readonly Service[];
  readonly ignore?: Ignore | undefined;
  readonly source?: SourceLocation | undefined;
}

/**
 * The project's settings, exported as default from `lookout.config.ts`.
 * @example
 * export default defineProject({ name: 'ai-gateway', catalogs: [gateway], scrapeInterval: '15s' });
 */
export function defineProject(options: ProjectOptions): Project {
  return {
    kind: 'project',
    name: options.name,
    catalogs: [...options.catalogs],
    scrapeInterval: options.scrapeInterval ?? '15s',
    evaluationInterval: options.evaluationInterval ?? '30s',
    retention: options.retention ?? '15d',
    runbookBaseUrl: (options.runbookBaseUrl ?? 'https://runbooks.example.com').replace(/\/+$/, ''),
    grafanaUrl: (options.grafanaUrl ?? 'https://grafana.example.com').replace(/\/+$/, ''),
    externalLabels: { ...(options.externalLabels ?? {}) },
    externalUrl: options.externalUrl ?? 'http://localhost:9090',
    scrapeTargets: Object.fromEntries(Object.entries(options.scrapeTargets ?? {}).map(([job, targets]) => [job, [...targets]])),
    alertmanagers: [...(options.alertmanagers ?? ['localhost:9093'])],
    prometheusRuleLabels: { ...(options.prometheusRuleLabels ?? {}) },
    services: (options.services ?? []).map((s) => ({ catalog: s.catalog, sources: [...s.sources], exclude: [...(s.exclude ?? [])] })),
    sloCompat: options.sloCompat ?? 'lookout',
    ...keptIgnore(options.ignore),
    source: captureSource(),
  };
}
