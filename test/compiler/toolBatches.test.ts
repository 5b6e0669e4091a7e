import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consecutiveBatches, mapConcurrent, PROMTOOL, promtoolTestCost, runToolBatches } from '../../src/engine/compiler/tools.js';

describe('consecutiveBatches', () => {
  it.each([
    { name: 'equal weights split evenly', weights: [1, 1, 1, 1, 1, 1], count: 3, batches: [[0, 1], [2, 3], [4, 5]] },
    { name: 'a heavy item closes its batch early', weights: [1, 10, 1, 1, 1], count: 2, batches: [[0, 1], [2, 3, 4]] },
    { name: 'never more batches than asked', weights: [1, 1, 1, 1, 1], count: 2, batches: [[0, 1, 2], [3, 4]] },
    { name: 'never an empty batch when items are fewer than batches', weights: [5, 5], count: 6, batches: [[0], [1]] },
    { name: 'one batch holds everything', weights: [3, 1, 2], count: 1, batches: [[0, 1, 2]] },
    { name: 'no items, no batches', weights: [], count: 4, batches: [] },
  ])('$name', ({ weights, count, batches }) => {
    expect(consecutiveBatches(weights, count)).toEqual(batches);
  });
});

describe('mapConcurrent', () => {
  it('returns results in the items\' order, runs at most `limit` at once, and starts items in the order given', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await mapConcurrent(
      [30, 10, 20, 0],
      2,
      async (ms, i) => {
        started.push(i);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, ms));
        running--;
        return `item ${i}`;
      },
      [2, 0, 3, 1],
    );
    expect(results).toEqual(['item 0', 'item 1', 'item 2', 'item 3']);
    expect(most).toBe(2);
    expect(started.slice(0, 2)).toEqual([2, 0]);
  });
});

const RULES = `groups:
  - name: t
    rules:
      - alert: Down
        expr: up == 0
`;

/** A promtool test of Down over `minutes` minutes: passes when `fires`, fails (Down fires, none expected) otherwise. */
function testFile(fires: boolean, minutes = 5): string {
  return `rule_files:
  - rules.yml
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: up{job="a"}
        values: 0x${minutes}
    alert_rule_test:
      - eval_time: ${minutes}m
        alertname: Down
        exp_alerts:${fires ? '\n          - exp_labels: { alertname: Down, job: a }' : ' []'}
`;
}

describe('runToolBatches with the real promtool', () => {
  let dir: string;
  const names = Array.from({ length: 12 }, (_, i) => `t${String(i).padStart(2, '0')}.test.yml`);

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-batches-'));
    writeFileSync(path.join(dir, 'rules.yml'), RULES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes the twelve test files, those at `failing` failing, and runs them two batches at a time (six batches of two). */
  function run(failing: number[]) {
    names.forEach((n, i) => writeFileSync(path.join(dir, n), testFile(!failing.includes(i))));
    return runToolBatches(PROMTOOL, ['test', 'rules'], names, names.map(() => 1), dir, 2);
  }

  it('passes when every batch passes, and keeps promtool\'s lines in file order', async () => {
    const r = await run([]);
    expect(r).toMatchObject({ ok: true, missing: false, exitCode: 0, batches: 6 });
    const tested = [...r.output.matchAll(/^Unit Testing: +(\S+)/gm)].map((m) => m[1]);
    expect(tested).toEqual(names);
  });

  it('reports a failing file in a later batch with the command of its batch and promtool\'s own output, exit 1', async () => {
    const r = await run([7]);
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.command).toBe(`promtool test rules ${names[6]} ${names[7]}`);
    expect(r.output).toMatch(new RegExp(`Unit Testing: +${names[6]}\\n +SUCCESS`));
    // promtool writes FAILED on stderr, its blank lines on stdout: only their order across the two is loose.
    expect(r.output).toMatch(new RegExp(`Unit Testing: +${names[7]}\\s+FAILED:`));
    // promtool's own diff: the alert it got that the test did not expect.
    expect(r.output).toContain('alertname: Down, time: 5m');
    expect(r.output).toMatch(/got:.*alertname="Down"/s);
    // Batches that passed are not repeated in the report.
    expect(r.output).not.toContain(names[0]);
  });

  it('reports every failed batch in file order, each after its own command', async () => {
    const r = await run([9, 2]);
    expect(r.ok).toBe(false);
    expect(r.command).toBe(`promtool test rules ${names[2]} ${names[3]}`);
    const second = r.output.indexOf(`$ promtool test rules ${names[8]} ${names[9]}\n`);
    expect(second).toBeGreaterThan(r.output.indexOf(`Unit Testing:  ${names[2]}`));
    expect(r.output.slice(second)).toMatch(new RegExp(`Unit Testing: +${names[9]}\\s+FAILED:`));
  });

  it('says the tool is missing, as one call would', async () => {
    const r = await runToolBatches({ ...PROMTOOL, defaultBinary: '/nonexistent/promtool', env: 'LOOKOUT_TEST_UNSET_PROMTOOL' }, ['test', 'rules'], names, names.map(() => 1), dir, 2);
    expect(r.missing).toBe(true);
  });
});

describe('promtoolTestCost', () => {
  it('counts evaluation steps up to each test group\'s last eval_time, times the rules loaded', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-cost-'));
    try {
      writeFileSync(path.join(dir, 'rules.yml'), `${RULES}      - record: job:up:sum\n        expr: sum by (job) (up)\n`);
      const twoGroups = `${testFile(true, 5)}${testFile(true, 30).split('tests:\n')[1]}`;
      writeFileSync(path.join(dir, 'a.test.yml'), twoGroups);
      writeFileSync(path.join(dir, 'b.test.yml'), 'tests: []\n');
      // Steps 0..5m and 0..30m at 1m: 6 + 31, each evaluating 2 rules.
      expect(promtoolTestCost(path.join(dir, 'a.test.yml'))).toBe((6 + 31) * 2);
      expect(promtoolTestCost(path.join(dir, 'b.test.yml'))).toBe(1);
      expect(promtoolTestCost(path.join(dir, 'missing.test.yml'))).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
