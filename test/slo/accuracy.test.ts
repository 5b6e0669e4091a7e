import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';
import { toYaml } from '../../src/engine/compiler/emit/yaml.js';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { formatSeriesValues } from '../../src/engine/evaluator/seriesFormat.js';
import { makeProject, removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';

/**
 * Issue 618 of Sloth: averaging 5-minute ratios over 30 days gives a quiet hour the weight of a
 * busy one. lookout sums recorded error and total rates instead. This feeds 30 days of traffic
 * whose volume and error ratio swing hour by hour into the generated rules, in promtool, and
 * compares the recorded 30d ratio with the exact ratio of the raw counters.
 */

const SLO = `import { defineSLO, ratio } from 'lookout'; import { re } from 'lookout/promql';
import { shop } from '../metrics.js';

export const checkout = defineSLO({
  service: 'shop',
  name: 'checkout-success',
  description: 'Checkout requests are answered without a server error.',
  objective: 98,
  sli: ratio({ errors: shop.metrics.requests.where({ route: 'checkout', code: re('5..') }), total: shop.metrics.requests.where({ route: 'checkout' }) }),
  alerting: false,
});
`;

/** One hour of traffic: requests and errors per minute, steady within the hour. */
interface Hour {
  total: number;
  errors: number;
}

/**
 * Blocks of hours, each exactly 1% errors in sum but far from it hour by hour: a busy clean
 * hour next to a quiet failing one, a spike, a lull. The blocks in any order add up to 1%.
 */
const BLOCKS: Hour[][] = [
  [{ total: 900, errors: 1 }, { total: 100, errors: 9 }],
  [{ total: 2000, errors: 4 }, { total: 50, errors: 20 }, { total: 950, errors: 6 }],
  [{ total: 300, errors: 3 }],
  [{ total: 5000, errors: 10 }, { total: 20, errors: 15 }, { total: 10, errors: 10 }, { total: 4970, errors: 65 }],
];
const STEADY: Hour = { total: 1000, errors: 10 };

const HOUR = 60;
const DAY_HOURS = 24;
/** The test reads the 30d ratio at 30d + 3h: history before the window is what the period's first hourly rates average. */
const END_HOURS = 30 * DAY_HOURS + 3;
/**
 * The recorded period ratio weighs its first and last hour or so less than the rest (it sums
 * hourly averages sampled in the window). Those hours carry exactly the interior's 1%, so the
 * weighting cannot move the result; in between, the hours swing as the blocks do.
 */
const STEADY_HEAD_HOURS = 4;
const STEADY_TAIL_HOURS = 2;

/** A fixed pseudo-random order of blocks (the Park–Miller generator, seed 7: products stay below 2^53). */
function plan(): Hour[] {
  const hours: Hour[] = Array.from({ length: STEADY_HEAD_HOURS }, () => STEADY);
  let seed = 7;
  const interiorEnd = END_HOURS - STEADY_TAIL_HOURS;
  while (hours.length < interiorEnd) {
    seed = (seed * 48271) % 2147483647;
    const block = BLOCKS[seed % BLOCKS.length]!;
    hours.push(...(hours.length + block.length <= interiorEnd ? block : [BLOCKS[2]![0]!]));
  }
  while (hours.length < END_HOURS) hours.push(STEADY);
  return hours;
}

/** Cumulative counter values per minute, from 0 at minute 0 to the end. */
function counters(hours: Hour[], perMinute: (h: Hour) => number): number[] {
  const values = [0];
  for (const h of hours) for (let m = 0; m < HOUR; m++) values.push(values.at(-1)! + perMinute(h));
  return values;
}

const ratioOf = (h: Hour) => h.errors / h.total;

describe('the recorded 30d error ratio on spiky traffic', () => {
  const hours = plan();
  const errors = counters(hours, (h) => h.errors);
  const ok = counters(hours, (h) => h.total - h.errors);
  const endMin = END_HOURS * HOUR;
  const startMin = endMin - 30 * DAY_HOURS * HOUR;
  const exact = (errors[endMin]! - errors[startMin]!) / (errors[endMin]! - errors[startMin]! + ok[endMin]! - ok[startMin]!);

  /**
   * What Sloth records for the period: the mean of the 5m ratios sampled in the window. In the
   * test they are sampled every 10 minutes, closed at both ends; each 5m window sits in one hour.
   */
  const slothMean = (() => {
    let sum = 0;
    let n = 0;
    for (let t = startMin; t <= endMin; t += 10) {
      sum += ratioOf(hours[Math.floor((t - 1) / HOUR)]!);
      n++;
    }
    return sum / n;
  })();

  let dir: string;
  beforeAll(async () => {
    dir = makeProject({ 'slo/shop.ts': SLO });
    const result = await generate({ root: dir });
    expect(result.status).toBe('ok');
  }, TIMEOUT.generate);
  afterAll(() => removeProject(dir));

  it('the input swings: hourly error ratios from 0.11% to 100%, volume from 10 to 5,000 a minute, 1% in sum', () => {
    const ratios = hours.map(ratioOf);
    expect(Math.min(...ratios)).toBeLessThan(0.0012);
    expect(Math.max(...ratios)).toBe(1);
    expect(exact).toBeCloseTo(0.01, 15);
    // Sloth's average is off by an order of magnitude on the same input.
    expect(slothMean / exact).toBeGreaterThan(10);
  });

  it('equals the exact ratio of the raw counters in promtool, where the mean of 5m ratios does not', async () => {
    const near = (expr: string, want: number) => `abs(${expr} - ${want}) / ${want} < bool 1e-9`;
    const own = '{service="shop", slo="checkout-success"}';
    const series = (code: string, values: number[], route = 'checkout') =>
      ({ series: `shop_requests_total{code="${code}", instance="host-a:9090", job="shop", route="${route}"}`, values: formatSeriesValues(values) });
    // Another route fails half its requests: none of it may leak into the checkout SLO.
    const cart = Array.from({ length: endMin + 1 }, (_, i) => i * 40);
    const test = {
      rule_files: ['generated/prometheus/rules/slo-shop-checkout-success.rules.yml'],
      evaluation_interval: '10m',
      tests: [
        {
          name: 'spiky traffic: 30d ratio',
          interval: '1m',
          input_series: [series('500', errors), series('200', ok), series('500', cart, 'cart'), series('200', cart, 'cart')],
          promql_expr_test: [
            { expr: near(`slo:sli_error:ratio_rate30d${own}`, exact), eval_time: `${END_HOURS}h`, exp_samples: [{ labels: own, value: 1 }] },
            { expr: near(`slo:error_budget_remaining:ratio${own}`, 1 - exact / 0.02), eval_time: `${END_HOURS}h`, exp_samples: [{ labels: own, value: 1 }] },
            { expr: near(`avg_over_time(slo:sli_error:ratio_rate5m${own}[30d])`, slothMean), eval_time: `${END_HOURS}h`, exp_samples: [{ labels: own, value: 1 }] },
          ],
        },
      ],
    };
    writeFileSync(path.join(dir, 'accuracy.test.yml'), toYaml(test));
    const run = await runTool(PROMTOOL, ['test', 'rules', 'accuracy.test.yml'], dir);
    expect(run.output).toContain('SUCCESS');
    expect(run.ok).toBe(true);
  }, TIMEOUT.tools);
});
