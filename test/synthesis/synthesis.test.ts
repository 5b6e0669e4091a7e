import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../src/engine/compiler/generate.js';
import { makeProject, removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';

/** One alert per shape the test generator must handle, written as a user would. */
const SHAPES = `import { alert, record, ruleGroup, series } from 'lookout';
import { shop } from '../metrics.js';

const m = shop.metrics;
const simple = (name: string, expr: string, extra: Record<string, unknown> = {}) =>
  alert({ name, expr, for: '2m', severity: 'ticket', summary: 'Something is off.', description: 'Value {{ $value }}.', ...extra });

export const recordings = ruleGroup({
  name: 'shop-recordings',
  rules: [
    record({ name: 'job_code:shop_requests:rate5m', expr: 'sum by (job, code) (rate(shop_requests_total[5m]))' }),
  ],
});

export default ruleGroup({
  name: 'shop-shapes',
  rules: [
    simple('ShopErrorsFromRecording', 'sum(job_code:shop_requests:rate5m{code=~"5.."}) / sum(job_code:shop_requests:rate5m) > 0.1'),
    simple('ShopTargetMissing', 'absent(up{job="shop"})', { for: '1m' }),
    simple('ShopInstanceDown', 'up{job="shop"} == 0', { description: '{{ $labels.instance }} is down.' }),
    simple('ShopAny503', 'increase(shop_requests_total{code="503"}[15m]) > 0', { for: undefined }),
    simple('ShopSyncStale', 'time() - shop_last_sync_timestamp_seconds > 600'),
    simple('ShopTrafficStalled', 'sum(rate(shop_requests_total[10m])) == 0', { for: '5m' }),
    simple('ShopTrafficSpike', 'sum(rate(shop_requests_total[5m])) > 3 * sum(rate(shop_requests_total[1h] offset 5m))', { for: '5m' }),
    simple('ShopQueueFlapping', 'max(shop_queue_depth) > 50', { keepFiringFor: '3m' }),
    alert({
      name: 'ShopCheckoutErrors',
      expr: 'sum by (route) (rate(shop_requests_total{code="500"}[5m])) > 1',
      for: '2m',
      severity: 'ticket',
      summary: 'Checkout is failing.',
      description: '{{ $labels.route }}: {{ $value | humanize }} errors per second.',
      tests: [
        {
          name: 'a burst of 500s on checkout',
          interval: '1m',
          series: [
            series(m.requests, { code: '500', route: 'checkout' }, '0+120x15'),
            series(m.requests, { code: '500', route: 'cart' }, '0+6x15'),
          ],
          expect: [
            { at: '3m', firing: [] },
            { at: '10m', firing: [{ labels: { route: 'checkout' }, annotations: { summary: 'Checkout is failing.' } }] },
          ],
        },
      ],
    }),
  ],
});
`;

describe('generated tests for alerts of every shape', () => {
  let dir: string;
  let result: GenerateResult;
  beforeAll(async () => {
    dir = makeProject({ 'rules/shapes.ts': SHAPES });
    result = await generate({ root: dir });
  }, TIMEOUT.generate);
  afterAll(() => removeProject(dir));

  it('generates without errors and derives tests for every alert', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'test/not-generated')).toEqual([]);
    const file = parse(readFileSync(path.join(dir, 'generated/prometheus/tests/shop-shapes.test.yml'), 'utf8'));
    const alerts = new Set<string>(file.tests.flatMap((t: { alert_rule_test: { alertname: string }[] }) => t.alert_rule_test.map((a) => a.alertname)));
    expect([...alerts].sort()).toEqual([
      'ShopAny503',
      'ShopCheckoutErrors',
      'ShopErrorsFromRecording',
      'ShopInstanceDown',
      'ShopQueueFlapping',
      'ShopSyncStale',
      'ShopTargetMissing',
      'ShopTrafficSpike',
      'ShopTrafficStalled',
    ]);
  });

  it('loads the recording rules first and pins the group order', () => {
    const file = parse(readFileSync(path.join(dir, 'generated/prometheus/tests/shop-shapes.test.yml'), 'utf8'));
    expect(file.rule_files).toEqual(['../rules/shapes.rules.yml']);
    expect(file.group_eval_order).toEqual(['shop-recordings', 'shop-shapes']);
  });

  it('completes the hand-written case with every label and the rendered annotations', () => {
    const file = parse(readFileSync(path.join(dir, 'generated/prometheus/tests/shop-shapes.test.yml'), 'utf8'));
    const group = file.tests.find((t: { name: string }) => t.name === 'ShopCheckoutErrors: a burst of 500s on checkout');
    expect(group.alert_rule_test[1]).toEqual({
      eval_time: '10m',
      alertname: 'ShopCheckoutErrors',
      exp_alerts: [
        {
          exp_labels: { route: 'checkout', severity: 'ticket' },
          exp_annotations: {
            description: 'checkout: 2 errors per second.',
            runbook_url: 'https://runbooks.example.com/shop-checkout-errors',
            summary: 'Checkout is failing.',
          },
        },
      ],
    });
  });

  it('passes in the real promtool', async () => {
    const r = await execa('promtool', ['test', 'rules', 'generated/prometheus/tests/shop-shapes.test.yml'], { cwd: dir, reject: false, all: true });
    expect(r.all).toContain('SUCCESS');
    expect(r.exitCode).toBe(0);
  });

  it('fails in the real promtool when the rule changes behind the tests', async () => {
    const rules = path.join(dir, 'generated/prometheus/rules/shapes.rules.yml');
    const { writeFileSync } = await import('node:fs');
    const original = readFileSync(rules, 'utf8');
    try {
      writeFileSync(rules, original.replace('> 600', '> 900').replace('> 50', '> 60'));
      const r = await execa('promtool', ['test', 'rules', 'generated/prometheus/tests/shop-shapes.test.yml'], { cwd: dir, reject: false, all: true });
      expect(r.exitCode).toBe(1);
      expect(r.all).toContain('alertname: ShopSyncStale');
      expect(r.all).toContain('alertname: ShopQueueFlapping');
    } finally {
      writeFileSync(rules, original);
    }
  });
});

describe('hand-written tests that cannot pass', () => {
  it('are refused at generate time with what lookout computed', async () => {
    const wrong = SHAPES.replace("labels: { route: 'checkout' },", "labels: { route: 'cart' },");
    const dir = makeProject({ 'rules/shapes.ts': wrong });
    try {
      const result = await generate({ root: dir });
      expect(result.status).toBe('errors');
      expect(result.diagnostics).toContainEqual(
        expect.objectContaining({
          code: 'test/expectation',
          path: 'ShopCheckoutErrors.tests.0',
          message: 'test "a burst of 500s on checkout": at 10m the test expects ShopCheckoutErrors{route="cart"} firing, but lookout computes {route="checkout", severity="ticket"} firing',
        }),
      );
    } finally {
      removeProject(dir);
    }
  }, TIMEOUT.generate);

  it.each([
    ["summary: 'wrong' }", 'summary', 'with summary "wrong", but the alert renders "Checkout is failing."'],
    ["summry: 'Checkout is failing.' }", 'summry', 'with summry "Checkout is failing.", but the alert has no annotation "summry"'],
  ])('are refused at the annotation the alert does not render so: %s', async (written, name, says) => {
    const wrong = SHAPES.replace("summary: 'Checkout is failing.' }", written);
    const dir = makeProject({ 'rules/shapes.ts': wrong });
    try {
      const result = await generate({ root: dir });
      expect(result.status).toBe('errors');
      const lines = wrong.split('\n');
      const line = lines.findIndex((l) => l.includes(written));
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
        expect.objectContaining({
          code: 'test/expectation',
          path: `ShopCheckoutErrors.tests.0.expect.1.firing.0.annotations.${name}`,
          line: line + 1,
          column: lines[line]!.indexOf(written) + name.length + 3,
          message: `test "a burst of 500s on checkout": at 10m the test expects ShopCheckoutErrors{route="checkout"} ${says}`,
        }),
      ]);
    } finally {
      removeProject(dir);
    }
  }, TIMEOUT.generate);

  it('match a written annotation to the alert that renders it, whichever fires first', async () => {
    const both = SHAPES.replace("'0+6x15'", "'0+120x15'").replace(
      "firing: [{ labels: { route: 'checkout' }, annotations: { summary: 'Checkout is failing.' } }]",
      "firing: [{ annotations: { description: 'checkout: 2 errors per second.' } }, { annotations: { description: 'cart: 2 errors per second.' } }]",
    );
    const dir = makeProject({ 'rules/shapes.ts': both });
    try {
      const result = await generate({ root: dir });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const r = await execa('promtool', ['test', 'rules', 'generated/prometheus/tests/shop-shapes.test.yml'], { cwd: dir, reject: false, all: true });
      expect(r.exitCode, r.all).toBe(0);
    } finally {
      removeProject(dir);
    }
  }, TIMEOUT.generate);
});
