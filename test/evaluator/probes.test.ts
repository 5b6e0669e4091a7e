import { describe, expect, it } from 'vitest';
import { MemoryStorage, parseSeriesValues, simulateRules, type SimGroup, type SimRule } from '../../src/engine/evaluator/index.js';
import { rulesNeededEveryStep } from '../../src/engine/evaluator/probes.js';
import { parse } from './battery.js';

const minute = 60_000;
const record = (name: string, expr: string): SimRule => ({ kind: 'record', record: name, expr: parse(expr) });
const alert = (name: string, expr: string, forMin = 0): SimRule => ({ kind: 'alert', alert: name, expr: parse(expr), forMs: forMin * minute });
const names = (rules: Set<SimRule>) => [...rules].map((r) => (r.kind === 'record' ? r.record : r.alert)).sort();

describe('which rules a probed simulation still evaluates at every step', () => {
  it.each([
    ['a rule read over a range, and what it reads', [record('a', 'rate(x[5m])'), record('b', 'sum_over_time(a[1h])')], ['a']],
    ['nothing, when rules only read earlier rules at the same step', [record('a', 'x * 2'), record('b', 'a + 1'), alert('A', 'b > 3')], []],
    ['a rule read before it runs (the reader sees its previous step)', [record('b', 'a + 1'), record('a', 'x * 2')], ['a']],
    ['a rule read inside a subquery', [record('a', 'x * 2'), record('b', 'max_over_time(a[10m:1m])')], ['a']],
    ['everything a range-read rule reads, transitively', [record('a', 'x'), record('c', 'a * 2'), record('b', 'sum_over_time(c[1h])')], ['a', 'c']],
    ['everything, when a rule reads ALERTS', [record('a', 'x'), alert('A', 'a > 1'), record('n', 'count(ALERTS)')], ['A', 'a', 'n']],
    ['everything, when a selector names no metric', [record('a', 'x'), record('b', '{job="a"}')], ['a', 'b']],
  ])('%s', (_, rules, dense) => {
    expect(names(rulesNeededEveryStep(rules))).toEqual(dense);
  });
});

describe('a probed simulation', () => {
  // An SLO in miniature: a base rate every window is built from, a long window over it, and a
  // burn alert on the long window; the error rate steps up at 40m.
  const groups: SimGroup[] = [
    {
      name: 'slo',
      rules: [
        record('errors:rate5m', 'sum(rate(errors_total[5m]))'),
        record('total:rate5m', 'sum(rate(requests_total[5m]))'),
        record('ratio:rate1h', 'sum_over_time(errors:rate5m[1h]) / sum_over_time(total:rate5m[1h])'),
        alert('Burn', 'ratio:rate1h > 0.02', 10),
      ],
    },
  ];
  const storage = () =>
    MemoryStorage.fromInputs(minute, [
      { labels: { __name__: 'errors_total' }, values: parseSeriesValues('0+1x40 40+5x80') },
      { labels: { __name__: 'requests_total' }, values: parseSeriesValues('0+100x120') },
    ]);
  const opts = { evaluationIntervalMs: 2 * minute, untilMs: 120 * minute };
  const probes = [30, 60, 90, 120].map((m) => m * minute);

  it('records at each probe exactly what the full simulation records there, and skips the long window elsewhere', () => {
    const full = simulateRules(groups, storage(), opts);
    const probed = simulateRules(groups, storage(), { ...opts, probeAt: new Set(probes) });
    for (const t of probes) {
      const at = (timeline: typeof full) => timeline.steps[t / opts.evaluationIntervalMs]!.rules.filter((r) => r.kind === 'record').map((r) => [r.name, r.samples]);
      expect(at(probed)).toEqual(at(full));
    }
    const between = probed.steps[32 / 2]!;
    expect(between.rules.map((r) => r.name)).toEqual(['errors:rate5m', 'total:rate5m']);
  });

  it("shows at each probe whether an alert's condition holds, without its `for` state", () => {
    const full = simulateRules(groups, storage(), opts);
    const probed = simulateRules(groups, storage(), { ...opts, probeAt: new Set(probes) });
    const alerts = (timeline: typeof full, t: number) => timeline.steps[t / opts.evaluationIntervalMs]!.rules.find((r) => r.kind === 'alert')!.alerts;
    expect(probes.map((t) => alerts(full, t).map((a) => a.state))).toEqual([[], ['pending'], ['firing'], ['firing']]);
    expect(probes.map((t) => alerts(probed, t).map((a) => a.state))).toEqual([[], ['pending'], ['pending'], ['pending']]);
  });
});
