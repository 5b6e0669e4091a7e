import { alert, defineDashboard, type DashboardDefinition } from '../../src/library/index.js';
import { query, timeseries, type PanelSpec } from '../../src/library/dashboards.js';
import { goodOptions } from '../fixtures/dashboards/shop.js';
import { checkCases } from '../support/checkCases.js';
import { shopModules, SHOP_ALERTS } from './shopModules.js';
import { analyze } from '../../src/engine/compiler/analyze.js';
import type { AlertRule } from '../../src/library/alerts/define.js';

/**
 * One table per dashboard/ code. Each input is the shop overview dashboard (test/fixtures/dashboards,
 * on which no check reports anything) with one thing changed, analyzed in the shop project the
 * way generate analyzes dashboards/*.ts.
 */

const run = (dashboards: DashboardDefinition[]) => analyze(shopModules({ dashboards })).diagnostics;

/** The shop overview with `extra` panels at the end of its row. */
const overview = (...extra: PanelSpec[]) => defineDashboard(goodOptions(extra));

/** The shop overview with its Grafana model changed by `edit`, as a hand-edited or post-processed model would be. */
function edited(edit: (model: Model) => void): DashboardDefinition {
  const d = overview();
  edit(d.model as unknown as Model);
  return d;
}
type Model = { panels: Array<{ id?: number; datasource?: unknown; fieldConfig?: { defaults?: { unit?: string } } }>; templating: { list: Array<{ query?: unknown }> } };

/** A panel whose one query is `expr`, as a user would write it by hand. */
const queried = (expr: string) => overview(timeseries({ title: 'Written by hand', unit: 'short', queries: [query(expr, 'x')] }));

checkCases('dashboard/alert-link', {
  run: (alerts: AlertRule[]) => analyze(shopModules({ alerts, dashboards: [overview()] })).diagnostics,
  pass: [
    { name: "an alert linking the overview's slug", input: [SHOP_ALERTS[0]!] },
    { name: 'an alert linking a full URL', input: [alert({ name: 'ShopX', expr: 'shop_queue_depth > 1', severity: 'ticket', summary: 'Queue.', description: 'Queue.', dashboard: 'https://grafana.example.com/d/x' })] },
  ],
  fail: [
    {
      name: 'an alert linking a misspelt slug',
      input: [alert({ name: 'ShopX', expr: 'shop_queue_depth > 1', severity: 'ticket', summary: 'Queue.', description: 'Queue.', dashboard: 'shop-overveiw' })],
      expect: { severity: 'error', path: 'ShopX.dashboard', message: 'shop-overveiw', hint: 'shop-overview' },
    },
  ],
});

checkCases('dashboard/datasource-variable', {
  run,
  pass: [{ name: 'the standard variables, datasource first', input: [overview()] }],
  fail: [{ name: 'the standard variables without the datasource', input: [defineDashboard({ ...goodOptions(), variables: goodOptions().variables!.slice(1) })], expect: { path: 'shop-overview.templating.list', message: 'the dashboard has no "datasource" variable' } }],
});

checkCases('dashboard/duplicate', {
  run,
  pass: [{ name: 'the overview and a detail dashboard', input: [overview(), defineDashboard({ ...goodOptions(), slug: 'shop-detail', title: 'Shop detail' })] }],
  fail: [
    { name: 'the overview twice', input: [overview(), overview()], expect: { path: 'shop-overview.slug', message: 'slug "shop-overview" is also the slug of dashboard "shop-overview"' } },
    { name: 'a detail dashboard titled like the overview', input: [overview(), defineDashboard({ ...goodOptions(), slug: 'shop-detail' })], expect: { path: 'shop-detail.title', message: 'title "Shop overview" is also the title of dashboard "shop-overview"' } },
  ],
});

checkCases('dashboard/layout', {
  run,
  pass: [{ name: 'panel ids as laid out', input: [overview()] }],
  fail: [{ name: 'two panels with one id', input: [edited((m) => (m.panels[2]!.id = m.panels[1]!.id))], expect: { path: 'shop-overview.panels[2].id', message: 'panel "p99 latency by route" has id' } }],
});

checkCases('dashboard/no-queries', {
  run,
  pass: [{ name: 'a time series with a query', input: [overview(timeseries({ title: 'Queue', unit: 'short', queries: [query('sum(shop_queue_depth)')] }))] }],
  fail: [{ name: 'a time series without one', input: [overview(timeseries({ title: 'Queue', unit: 'short', queries: [] }))], expect: { path: 'shop-overview.panels[5].targets', message: 'panel "Queue" has no query' } }],
});

checkCases('dashboard/panel-datasource', {
  run,
  pass: [{ name: 'every panel through ${datasource}', input: [overview()] }],
  fail: [
    {
      name: 'a panel pinned to one datasource uid',
      input: [edited((m) => (m.panels[2]!.datasource = { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' }))],
      expect: { path: 'shop-overview.panels[2].datasource', message: 'panel "p99 latency by route" does not read through ${datasource}' },
    },
  ],
});

checkCases('dashboard/panel-title', {
  run,
  pass: [{ name: 'a panel titled Queue', input: [overview(timeseries({ title: 'Queue', unit: 'short', queries: [query('sum(shop_queue_depth)')] }))] }],
  fail: [{ name: 'a panel with an empty title', input: [overview(timeseries({ title: '', unit: 'short', queries: [query('sum(shop_queue_depth)')] }))], expect: { path: 'shop-overview.panels[5].title', message: 'the timeseries panel at panels[5] has no title' } }],
});

checkCases('dashboard/panel-unit', {
  run,
  pass: [{ name: 'the requests panel in reqps', input: [overview()] }],
  fail: [{ name: 'the requests panel without a unit', input: [edited((m) => delete m.panels[1]!.fieldConfig!.defaults!.unit)], expect: { path: 'shop-overview.panels[1].fieldConfig.defaults.unit', message: 'panel "Requests per second by code" sets no unit' } }],
});

checkCases('dashboard/rate-interval', {
  run,
  pass: [{ name: 'a rate over $__rate_interval', input: [queried('sum(rate(shop_requests_total{job=~"$job"}[$__rate_interval]))')] }],
  fail: [{ name: 'a rate over a fixed 5m', input: [queried('sum(rate(shop_requests_total{job=~"$job"}[5m]))')], expect: { path: 'shop-overview.panels[5].targets[0].expr', message: 'rate() over a fixed window in a panel query' } }],
});

checkCases('dashboard/uid', {
  run,
  pass: [{ name: 'a slug of lower-case words', input: [defineDashboard({ ...goodOptions(), slug: 'shop-overview' })] }],
  fail: [{ name: 'a slug with capitals, a space and a bang', input: [defineDashboard({ ...goodOptions(), slug: 'Shop Overview!' })], expect: { path: 'Shop Overview!.slug', message: 'is not lower-case words joined by dashes' } }],
});

checkCases('dashboard/unknown-variable', {
  run,
  pass: [{ name: 'a query on $job', input: [queried('sum(rate(shop_requests_total{job=~"$job"}[$__rate_interval]))')] }],
  fail: [{ name: 'a query on $rout, which no variable defines', input: [queried('sum(rate(shop_requests_total{route=~"$rout"}[$__rate_interval]))')], expect: { path: 'shop-overview.panels[5].targets[0].expr', message: 'rout' } }],
});

checkCases('dashboard/variable-query', {
  run,
  pass: [{ name: 'a picker over a label the metric has', input: [edited((m) => (m.templating.list[1]!.query = 'label_values(shop_requests_total, code)'))] }],
  fail: [
    {
      name: 'a picker over a label the metric lacks',
      input: [edited((m) => (m.templating.list[1]!.query = 'label_values(shop_requests_total, status)'))],
      expect: { path: 'shop-overview.templating.list[1].query', message: 'lists label "status", which "shop_requests_total" does not have' },
    },
  ],
});
