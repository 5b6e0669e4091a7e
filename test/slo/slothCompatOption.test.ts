import { describe, expect, it } from 'vitest';
import { recordName } from '../../src/library/alerts/checks/recordName.js';
import type { RuleContext } from '../../src/library/alerts/checks/context.js';
import type { AlertRule, RecordingRule } from '../../src/library/alerts/define.js';
import { defineProject } from '../../src/library/project.js';
import { compileSLO } from '../../src/library/slo/compile.js';
import { defineSLO, type SLOOptions } from '../../src/library/slo/define.js';
import { rawSLI } from '../../src/library/slo/sli.js';
import type { SLOCompat } from '../../src/library/slo/slothCompat.js';

/** The compiled rules of a small SLO, for a project default and an SLO's own choice. */
function compiled(project: SLOCompat | undefined, own: SLOCompat | undefined, extra: Partial<SLOOptions<string>> = {}) {
  const slo = defineSLO({
    service: 'shop',
    name: 'checkout',
    description: 'Checkout works.',
    objective: 99.9,
    sli: rawSLI({ errors: 'sum(rate(shop_requests_total{code="500"}[{{window}}]))', total: 'sum(rate(shop_requests_total[{{window}}]))' }),
    alerting: { name: 'ShopCheckout' },
    ...(own ? { compat: own } : {}),
    ...extra,
  });
  const rules = compileSLO(slo, defineProject({ name: 'shop', catalogs: [], ...(project ? { sloCompat: project } : {}) })).groups.flatMap((g) => g.rules);
  return {
    records: rules.filter((r): r is RecordingRule => r.kind === 'record'),
    alerts: rules.filter((r): r is AlertRule => r.kind === 'alert'),
  };
}

const hasSloth = (r: { labels: Readonly<Record<string, string>> }) => Object.keys(r.labels).some((k) => k.startsWith('sloth_'));

describe("which SLOs get Sloth's output", () => {
  it("none by default; the project's sloCompat turns it on for an SLO that does not choose", () => {
    const plain = compiled(undefined, undefined);
    expect([...plain.records, ...plain.alerts].some(hasSloth)).toBe(false);
    expect(plain.records.map((r) => r.name)).not.toContain('sloth_slo_info');
    for (const a of plain.alerts) expect(a.expr).not.toContain('ignoring');
    const { records, alerts } = compiled('sloth', undefined);
    expect(records.every(hasSloth)).toBe(true);
    expect(alerts.every((a) => a.labels.sloth_severity === a.severity)).toBe(true);
  });

  it("the SLO's own compat wins over the project's, either way", () => {
    expect(compiled('sloth', 'lookout').records.some(hasSloth)).toBe(false);
    expect(compiled(undefined, 'sloth').records.every(hasSloth)).toBe(true);
  });
});

describe("what Sloth's output adds", () => {
  const { records, alerts } = compiled(undefined, 'sloth');
  const ratios = records.filter((r) => r.name.startsWith('slo:sli_error:ratio_rate'));

  it('every error ratio names its window in sloth_window, and every series the SLO in sloth_id', () => {
    for (const r of ratios) expect(r.name).toBe(`slo:sli_error:ratio_rate${r.labels.sloth_window}`);
    for (const r of records) expect(r.labels).toMatchObject({ sloth_id: 'shop-checkout', sloth_service: 'shop', sloth_slo: 'checkout', slo: 'checkout', service: 'shop' });
  });

  it("Sloth's metadata series are recorded", () => {
    const names = records.map((r) => r.name);
    for (const n of ['slo:current_burn_rate:ratio', 'slo:period_burn_rate:ratio', 'slo:period_error_budget_remaining:ratio', 'slo:time_period:days', 'sloth_slo_info']) expect(names).toContain(n);
  });

  it('each tier alert ignores sloth_window where it joins its two windows, which differ in it', () => {
    for (const a of alerts) expect(a.expr).toMatch(/ and ignoring \(sloth_window\) /);
  });

  it("all of Sloth's windows are recorded even when the tiers need fewer", () => {
    const one = compiled(undefined, 'sloth', { alerting: { name: 'ShopCheckout', tiers: [{ budgetPercent: 2, longWindow: '1h', shortWindow: '5m', for: '2m', severity: 'page' }] } });
    const windows = one.records.filter((r) => r.name.startsWith('slo:sli_error:ratio_rate')).map((r) => r.labels.sloth_window);
    expect(windows).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
  });

  it('an info tier gets no sloth_severity: Sloth knows only page and ticket', () => {
    const info = compiled(undefined, 'sloth', { alerting: { name: 'ShopCheckout', tiers: { '3d': { severity: 'info' } } } });
    expect(info.alerts.map((a) => a.labels.sloth_severity)).toEqual(['page', 'page', 'ticket', undefined]);
  });
});

describe('the record-name check and Sloth\'s colon-less sloth_slo_info', () => {
  const findings = (name: string) => recordName.run({ rule: { kind: 'record', name, expr: 'vector(1)', labels: {} } } as RuleContext<RecordingRule>);
  it.each([
    ['sloth_slo_info', 0],
    ['sloth_slo_information', 1],
    ['slo_info', 1],
  ] as const)('%s: %i finding(s)', (name, count) => {
    expect(findings(name)).toHaveLength(count);
  });
});
