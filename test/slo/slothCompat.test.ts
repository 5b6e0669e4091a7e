import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRouteTests } from '../../src/engine/compiler/alertmanagerTools.js';
import { toYaml } from '../../src/engine/compiler/emit/yaml.js';
import { generate } from '../../src/engine/compiler/generate.js';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { makeProject, removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';

/**
 * A Sloth user's Grafana dashboards and Alertmanager routes, run against lookout's output in
 * Sloth-compatible mode: the queries Sloth's "SLO / High level" and "SLO / Detail" dashboards
 * are built from (written here from the series and labels they select, not copied), evaluated
 * by promtool on the generated rules, and a route keyed on sloth_severity and sloth_slo,
 * checked by amtool with the labels promtool says the alerts fire with.
 */

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/slothCompat');
/** The project default, not the SLO, asks for Sloth's output: the SLO file is the equivalence test's. */
const CONFIG = `import { defineProject } from 'lookout';
import { shop } from './metrics.js';

export default defineProject({ name: 'shop', catalogs: [shop], scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d', sloCompat: 'sloth' });
`;
const RULES = 'generated/prometheus/rules/slo-shop-checkout-availability.rules.yml';

/** What Sloth's dashboards select one SLO by, after the $service and $slo variables are chosen. */
const S = 'sloth_service="shop", sloth_slo="checkout-availability"';
/** The labels every series of the SLO carries, lookout's and Sloth's. */
const OWN = { owner: 'payments', service: 'shop', slo: 'checkout-availability', sloth_id: 'shop-checkout-availability', sloth_service: 'shop', sloth_slo: 'checkout-availability' };
const labels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;

/** Two hours of 1,000 checkout requests a minute, 2% of them failing: 20 times the 99.9% budget's rate. */
const input = [
  { series: 'shop_requests_total{code="500", instance="host-a:9090", job="shop", route="checkout"}', values: '0+20x180' },
  { series: 'shop_requests_total{code="200", instance="host-a:9090", job="shop", route="checkout"}', values: '0+980x180' },
];
const AT = '2h';

function testFile(group: Record<string, unknown>): string {
  return toYaml({ rule_files: [RULES], evaluation_interval: '1m', tests: [{ interval: '1m', input_series: input, ...group }] });
}

/** `Labels:{a="b", ...}` lines of promtool's report of a failed alert test: the alerts that fired. */
function firedLabels(output: string): Record<string, string>[] {
  return [...output.matchAll(/Labels:\{(.*)\}/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((p) => [p[1]!, p[2]!.replace(/\\(.)/g, '$1')])));
}

describe("Sloth's dashboards and routes on lookout's output with sloCompat: 'sloth'", () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject({ 'lookout.config.ts': CONFIG, 'slo/checkout.ts': readFileSync(path.join(FIXTURE, 'slo/checkout.ts'), 'utf8') });
    const result = await generate({ root: dir });
    expect(result.status).toBe('ok');
  }, TIMEOUT.generate);
  afterAll(() => removeProject(dir));

  it('answers the dashboard queries with the series, labels and values Sloth would give', async () => {
    const at = (expr: string, samples: { labels: string; value: number }[]) => ({ expr, eval_time: AT, exp_samples: samples });
    const promql_expr_test = [
      // The $service and $slo variables: label_values over sloth_slo_info.
      at('group by (sloth_service) (sloth_slo_info)', [{ labels: '{sloth_service="shop"}', value: 1 }]),
      at('group by (sloth_slo) (sloth_slo_info{sloth_service="shop"})', [{ labels: '{sloth_slo="checkout-availability"}', value: 1 }]),
      at(`sloth_slo_info{${S}}`, [
        {
          labels: `sloth_slo_info${labels({ ...OWN, sloth_mode: 'lookout', sloth_objective: '99.9', sloth_spec: 'lookout/defineSLO', sloth_version: 'lookout' })}`,
          value: 1,
        },
      ]),
      // Objective, budget and period panels.
      at(`slo:objective:ratio{${S}}`, [{ labels: `slo:objective:ratio${labels(OWN)}`, value: 0.999 }]),
      at(`slo:error_budget:ratio{${S}}`, [{ labels: `slo:error_budget:ratio${labels(OWN)}`, value: 0.001 }]),
      at(`slo:time_period:days{${S}}`, [{ labels: `slo:time_period:days${labels(OWN)}`, value: 30 }]),
      // Burn rates and budget remaining: rounded, as the panels show them, for floating point's sake.
      at(`round(slo:current_burn_rate:ratio{${S}}, 0.001)`, [{ labels: labels({ ...OWN, sloth_window: '5m' }), value: 20 }]),
      at(`round(slo:period_burn_rate:ratio{${S}}, 0.001)`, [{ labels: labels({ ...OWN, sloth_window: '30d' }), value: 20 }]),
      at(`round(slo:period_error_budget_remaining:ratio{${S}}, 0.001)`, [{ labels: labels({ ...OWN, sloth_window: '30d' }), value: -19 }]),
      // The detail dashboard's budget burn chart divides an hourly error ratio by the budget, matched on sloth_id.
      at(`round(slo:sli_error:ratio_rate1h{${S}} / on (sloth_id) group_left slo:error_budget:ratio{${S}}, 0.001)`, [{ labels: labels({ ...OWN, sloth_window: '1h' }), value: 20 }]),
      // Every window Sloth records, told apart by sloth_window.
      at(
        `count by (sloth_window) ({__name__=~"slo:sli_error:ratio_rate.+", ${S}})`,
        ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => ({ labels: `{sloth_window="${w}"}`, value: 1 })),
      ),
      // Sloth's own UI and deploy freeze gates select every SLO by sloth_id, and find its windows by name.
      at('round(slo:current_burn_rate:ratio{sloth_id!=""}, 0.001)', [{ labels: labels({ ...OWN, sloth_window: '5m' }), value: 20 }]),
      at('round(slo:period_error_budget_remaining:ratio{sloth_id!=""}, 0.001)', [{ labels: labels({ ...OWN, sloth_window: '30d' }), value: -19 }]),
      at(
        'count by (__name__, sloth_id) ({__name__=~"^slo:sli_error:ratio_rate.*", sloth_id!=""})',
        ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => ({ labels: `slo:sli_error:ratio_rate${w}{sloth_id="shop-checkout-availability"}`, value: 1 })),
      ),
      // Alert panels by severity: lookout has one alert per tier, so two pages (1h and 6h) and one ticket (1d) by now.
      at(`count by (sloth_severity) (ALERTS{alertstate="firing", ${S}})`, [
        { labels: '{sloth_severity="page"}', value: 2 },
        { labels: '{sloth_severity="ticket"}', value: 1 },
      ]),
    ];
    writeFileSync(path.join(dir, 'dashboards.test.yml'), testFile({ name: 'sloth dashboard queries', promql_expr_test }));
    const run = await runTool(PROMTOOL, ['test', 'rules', 'dashboards.test.yml'], dir);
    expect(run.output).toContain('SUCCESS');
    expect(run.ok).toBe(true);
  }, TIMEOUT.tools);

  it('routes the alerts promtool fires through a route keyed on sloth_severity and sloth_slo', async () => {
    // Expecting no alert makes promtool print every alert that fired, with all its labels.
    writeFileSync(path.join(dir, 'fired.test.yml'), testFile({ name: 'what fires', alert_rule_test: [{ eval_time: AT, alertname: 'ShopCheckoutAvailability', exp_alerts: [] }] }));
    const run = await runTool(PROMTOOL, ['test', 'rules', 'fired.test.yml'], dir);
    const fired = firedLabels(run.output);
    expect(fired.map((l) => l.severity).sort()).toEqual(['page', 'page', 'ticket']);

    const config = {
      route: {
        receiver: 'fallback',
        routes: [
          { receiver: 'payments-pager', matchers: ['sloth_severity="page"', 'sloth_slo="checkout-availability"'] },
          { receiver: 'payments-tickets', matchers: ['sloth_severity="ticket"', 'sloth_service="shop"'] },
        ],
      },
      receivers: [{ name: 'fallback' }, { name: 'payments-pager' }, { name: 'payments-tickets' }],
    };
    const configFile = path.join(dir, 'alertmanager.yml');
    writeFileSync(configFile, toYaml(config));
    // lookout's own severity says where each alert belongs; the Sloth route must agree.
    const cases = fired.map((l) => ({ name: `${l.tier} tier`, from: 'promtool', labels: l, receivers: [l.severity === 'page' ? 'payments-pager' : 'payments-tickets'] }));
    const routed = await runRouteTests(configFile, cases);
    expect(routed.missing).toBeUndefined();
    expect(routed.failures).toEqual([]);
  }, TIMEOUT.tools);
});
