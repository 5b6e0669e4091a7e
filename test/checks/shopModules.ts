import { analyze } from '../../src/engine/compiler/analyze.js';
import type { LoadedProject } from '../../src/engine/compiler/model.js';
import { compileRouting } from '../../src/engine/compiler/routing.js';
import type { AlertRule } from '../../src/library/alerts/define.js';
import type { DashboardDefinition } from '../../src/library/dashboards/define.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import { alert, ruleGroup } from '../../src/library/index.js';
import { max, rate, sum } from '../../src/library/promql.js';
import type { Routing } from '../../src/library/routing/define.js';
import { shop } from '../fixtures/mini/metrics.js';
import { loadedProject } from './project.js';

const m = shop.metrics;

/** A page and a ticket of team shop whose queries keep no label: routing knows all their labels ahead of time. */
export const SHOP_ALERTS: readonly AlertRule[] = [
  alert({ name: 'ShopDown', expr: max(m.queue).gt(1000), for: '5m', severity: 'page', summary: 'The shop is down.', description: 'Orders pile up.', dashboard: 'shop-overview', labels: { team: 'shop' } }),
  alert({ name: 'ShopSlow', expr: sum(rate(m.requests, '5m')).gt(100), for: '5m', severity: 'ticket', summary: 'The shop is slow.', description: 'Requests pile up.', labels: { team: 'shop' } }),
];

/** What the definition modules of an in-memory shop project export, each module under its own file. */
export interface ShopModules {
  alerts?: readonly AlertRule[];
  /** One module per routing: a second one is a second routing module. */
  routings?: readonly Routing[];
  dashboards?: readonly DashboardDefinition[];
}

/** The shop project (mini catalog, 15s scrapes, 1m evaluation) as the loader would hand it to the compiler. */
export function shopModules({ alerts = SHOP_ALERTS, routings = [], dashboards = [] }: ShopModules): LoadedProject {
  return loadedProject({
    modules: [
      { relPath: 'rules/shop.ts', groups: alerts.length > 0 ? [ruleGroup({ name: 'shop', rules: [...alerts] })] : [] },
      ...routings.map((r, i) => ({ relPath: `rules/routing${i === 0 ? '' : i + 1}.ts`, routings: [r] })),
      ...(dashboards.length > 0 ? [{ relPath: 'dashboards/shop.ts', dashboards: [...dashboards] }] : []),
    ],
  });
}

/** What generate reports for these modules up to the Alertmanager config: analyze, then compileRouting, as the compiler runs them. */
export function routingDiagnostics(modules: ShopModules): Diagnostic[] {
  const { analyzed, diagnostics } = analyze(shopModules(modules));
  return [...diagnostics, ...compileRouting(analyzed).diagnostics];
}
