import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/compiler/analyze.js';
import type { LoadedProject } from '../../src/engine/compiler/model.js';
import { alert, defineProject, defineSLO, ratio, ruleGroup, type SLO } from '../../src/library/index.js';
import { rate, re, sum } from '../../src/library/promql.js';
import type { RuleGroup } from '../../src/library/alerts/define.js';
import { shop } from '../fixtures/mini/metrics.js';
import { shopSLO } from '../checks/shopSLO.js';

const m = shop.metrics;
const traffic = sum(rate(m.requests, '5m'));

function trafficAlert(name: string, severity: 'page' | 'ticket', threshold: number) {
  return alert({ name, expr: traffic.gt(threshold), for: '5m', severity, summary: 'Traffic is high.', description: 'Traffic is high.', dashboard: 'shop', labels: { team: 'shop' } });
}

/** The shop's checkout SLO, its alerts named `alertName`. */
function checkoutSLO(alertName: string, dashboard?: string): SLO {
  return shopSLO({ alerting: { name: alertName, labels: { team: 'shop' }, ...(dashboard ? { dashboard } : {}) } });
}

function project(modules: Array<{ relPath: string; groups?: RuleGroup[]; slos?: SLO[] }>): LoadedProject {
  return {
    root: '/project',
    project: defineProject({ name: 'shop', catalogs: [shop], scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d' }),
    catalogs: [shop],
    modules: modules.map((mod) => ({ file: `/project/${mod.relPath}`, relPath: mod.relPath, groups: mod.groups ?? [], slos: mod.slos ?? [], routings: [], dashboards: [] })),
  };
}

function found(loaded: LoadedProject, code: string) {
  return analyze(loaded).diagnostics.filter((d) => d.code === code);
}

describe('alert names across rule groups and SLOs', () => {
  it('accept one name per definition, an SLO\'s tiers sharing theirs', () => {
    const loaded = project([
      { relPath: 'rules/a.ts', groups: [ruleGroup({ name: 'a', rules: [trafficAlert('ShopTrafficHigh', 'ticket', 100), trafficAlert('ShopTrafficVeryHigh', 'page', 1000)] })] },
      { relPath: 'slo/shop.ts', slos: [checkoutSLO('ShopCheckoutBudgetBurn')] },
    ]);
    expect(found(loaded, 'alert/duplicate-name')).toEqual([]);
  });

  it('refuse two alerts of one name and different severities, naming both definitions', () => {
    const ticket = trafficAlert('ShopTraffic', 'ticket', 100);
    const page = trafficAlert('ShopTraffic', 'page', 1000);
    const loaded = project([
      { relPath: 'rules/a.ts', groups: [ruleGroup({ name: 'a', rules: [ticket] })] },
      { relPath: 'rules/b.ts', groups: [ruleGroup({ name: 'b', rules: [page] })] },
    ]);
    const [d, ...rest] = found(loaded, 'alert/duplicate-name');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', path: 'ShopTraffic.name', line: page.source!.line });
    expect(d!.message).toContain(`is also defined at rules/a.ts:${ticket.source!.line} (ticket)`);
  });

  it("refuse an SLO whose burn-rate alert takes a rule alert's name, once for all its tiers", () => {
    const rule = trafficAlert('ShopCheckoutBurn', 'page', 1000);
    const loaded = project([
      { relPath: 'rules/a.ts', groups: [ruleGroup({ name: 'a', rules: [rule] })] },
      { relPath: 'slo/shop.ts', slos: [checkoutSLO('ShopCheckoutBurn')] },
    ]);
    const ds = found(loaded, 'alert/duplicate-name');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toContain(`is also defined at rules/a.ts:${rule.source!.line}`);
  });
});

describe('findings about what an SLO\'s tiers share', () => {
  it('are reported once, not once per tier', () => {
    const loaded = project([{ relPath: 'slo/shop.ts', slos: [checkoutSLO('ShopCheckoutBudgetBurn')] }]);
    const links = found(loaded, 'alert/links');
    expect(links.map((d) => d.message)).toEqual(['a paging alert without a dashboard link']);
  });
});

describe('SLO ids', () => {
  it('accept two SLOs of one service with different names', () => {
    const other = defineSLO({ service: 'shop', name: 'checkout-other', description: 'x', objective: 99, sli: ratio({ errors: m.requests.where({ code: re('5..') }), total: m.requests }), alerting: false });
    expect(found(project([{ relPath: 'slo/a.ts', slos: [checkoutSLO('A', 'shop')] }, { relPath: 'slo/b.ts', slos: [other] }]), 'slo/duplicate-id')).toEqual([]);
  });

  it('refuse one id defined twice, naming both files and lines', () => {
    const first = checkoutSLO('ShopCheckoutBurnA', 'shop');
    const second = checkoutSLO('ShopCheckoutBurnB', 'shop');
    const [d, ...rest] = found(project([{ relPath: 'slo/a.ts', slos: [first] }, { relPath: 'slo/b.ts', slos: [second] }]), 'slo/duplicate-id');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ path: 'shop/checkout.name', file: second.source!.file, line: second.source!.line });
    expect(d!.message).toBe(`SLO "shop/checkout" is also defined at slo/a.ts:${first.source!.line}`);
  });
});
