import { describe, expect, it } from 'vitest';
import {
  firingAlertsAt,
  MemoryStorage,
  parseSeriesValues,
  promtoolLoadedUntil,
  simulateRules,
  stepAt,
  type SimAlertingRule,
  type SimTimeline,
} from '../../src/engine/evaluator/index.js';
import { parse } from './battery.js';

const minute = 60_000;

function run(values: string, rule: Omit<SimAlertingRule, 'kind' | 'alert' | 'expr'>, untilMin = 12): SimTimeline {
  const storage = MemoryStorage.fromInputs(minute, [{ labels: { __name__: 'up', job: 'api' }, values: parseSeriesValues(values) }]);
  const alert: SimAlertingRule = { kind: 'alert', alert: 'Down', expr: parse('up == 0'), ...rule };
  return simulateRules([{ name: 'g', rules: [alert] }], storage, { evaluationIntervalMs: minute, untilMs: untilMin * minute });
}

function states(t: SimTimeline): string[] {
  return t.steps.map((s) => s.rules[0]!.alerts[0]?.state ?? '-');
}

describe('alert state machine (Prometheus 2.42)', () => {
  it('stays pending for the hold duration, then fires, then resolves', () => {
    const t = run('1 0 0 0 0 1 1', { forMs: 2 * minute }, 6);
    expect(states(t)).toEqual(['-', 'pending', 'pending', 'firing', 'firing', '-', '-']);
    expect(t.steps[3]!.rules[0]!.alerts[0]).toMatchObject({ activeAtMs: minute, firedAtMs: 3 * minute, labels: { alertname: 'Down', job: 'api' } });
  });

  it('fires in the first evaluation without a hold duration', () => {
    expect(states(run('0 1', {}, 1))).toEqual(['firing', '-']);
  });

  it('keeps firing for keep_firing_for after the condition clears, counted from the first clear evaluation', () => {
    const t = run('0 0 1 1 1 1 1', { keepFiringForMs: 2 * minute }, 6);
    expect(states(t)).toEqual(['firing', 'firing', 'firing', 'firing', '-', '-', '-']);
  });

  it('restarts the hold duration when a pending alert flaps', () => {
    const t = run('0 0 1 0 0 0', { forMs: 2 * minute }, 5);
    expect(states(t)).toEqual(['pending', 'pending', '-', 'pending', 'pending', 'firing']);
  });

  it('expands templated labels per sample and drops labels that expand to ""', () => {
    const t = run('0', { labels: { severity: 'x', gone: 'y' }, renderLabels: (l) => ({ severity: `for-${l.job}`, gone: '' }) }, 0);
    expect(t.steps[0]!.rules[0]!.alerts[0]!.labels).toEqual({ alertname: 'Down', job: 'api', severity: 'for-api' });
  });

  it('writes ALERTS per state and ALERTS_FOR_STATE from the unexpanded rule labels under the alert\'s own, stale once resolved', () => {
    const storage = MemoryStorage.fromInputs(minute, [{ labels: { __name__: 'up', job: 'api' }, values: parseSeriesValues('1 0 0 0 1') }]);
    const alert: SimAlertingRule = {
      kind: 'alert',
      alert: 'Down',
      expr: parse('up == 0'),
      forMs: minute,
      labels: { severity: '{{ $labels.job }}', gone: '{{ "" }}' },
      renderLabels: (l) => ({ severity: `page-${l.job}`, gone: '' }),
    };
    const t = simulateRules([{ name: 'g', rules: [alert] }], storage, { evaluationIntervalMs: minute, untilMs: 4 * minute });
    const labels = { alertname: 'Down', gone: '{{ "" }}', job: 'api', severity: 'page-api' };
    const series = (name: string) =>
      storage.select(name, []).map((s) => ({ labels: Object.fromEntries(s.labels), t: s.t, v: s.v.map((v, i) => (s.stale[i] ? 'stale' : v)) }));
    expect(series('ALERTS')).toEqual([
      { labels: { ...labels, __name__: 'ALERTS', alertstate: 'firing' }, t: [2 * minute, 3 * minute, 4 * minute], v: [1, 1, 'stale'] },
      { labels: { ...labels, __name__: 'ALERTS', alertstate: 'pending' }, t: [minute, 2 * minute], v: [1, 'stale'] },
    ]);
    expect(series('ALERTS_FOR_STATE')).toEqual([
      { labels: { ...labels, __name__: 'ALERTS_FOR_STATE' }, t: [minute, 2 * minute, 3 * minute, 4 * minute], v: [60, 60, 60, 'stale'] },
    ]);
    expect(t.steps[2]!.rules[0]!.samples.map((s) => s.labels.alertstate ?? s.labels.__name__)).toEqual(['firing', 'ALERTS_FOR_STATE']);
  });

  it('answers for an eval_time with the last evaluation at or before it', () => {
    const t = run('1 0 0 0 1', { forMs: minute }, 4);
    expect(firingAlertsAt(t, 'Down', 2 * minute - 1)).toHaveLength(0);
    expect(firingAlertsAt(t, 'Down', 2 * minute)).toHaveLength(1);
    expect(firingAlertsAt(t, 'Down', 4 * minute - 1)).toHaveLength(1);
    expect(stepAt(t, 3 * minute + 59_999)?.tMs).toBe(3 * minute);
  });
});

describe('recording rules', () => {
  it('feed later rules in the same cycle and are marked stale when they vanish', () => {
    const storage = MemoryStorage.fromInputs(minute, [{ labels: { __name__: 'x', job: 'a' }, values: parseSeriesValues('1 2 _x5') }]);
    simulateRules(
      [
        {
          name: 'g',
          rules: [
            { kind: 'record', record: 'job:x:double', expr: parse('x * 2'), labels: { source: 'rule' } },
            { kind: 'record', record: 'job:x:quad', expr: parse('job:x:double * 2') },
          ],
        },
      ],
      storage,
      { evaluationIntervalMs: minute, untilMs: 7 * minute },
    );
    const quad = storage.select('job:x:quad', []);
    expect(quad).toHaveLength(1);
    expect(quad[0]!.v.slice(0, 2)).toEqual([4, 8]);
    // x disappears from 7m (5m lookback from its last sample at 1m), so both are stale at 7m.
    expect(quad[0]!.t.at(-1)).toBe(7 * minute);
    expect(quad[0]!.stale.at(-1)).toBe(true);
  });

  it('fail on a label set written twice, before writing any of it', () => {
    const storage = MemoryStorage.fromInputs(minute, [
      { labels: { __name__: 'x', job: 'a' }, values: [1] },
      { labels: { __name__: 'x', job: 'b' }, values: [2] },
    ]);
    const rules = [{ kind: 'record' as const, record: 'y', expr: parse('x'), labels: { job: 'same' } }];
    expect(() => simulateRules([{ name: 'g', rules }], storage, { evaluationIntervalMs: minute, untilMs: 0 })).toThrow(
      'rule: y, time: 0ms, err: vector contains metrics with the same labelset after applying rule labels',
    );
    expect(storage.select('y', [])).toEqual([]);
  });

  it('report the samples each rule wrote at each step, name and rule labels applied', () => {
    const storage = MemoryStorage.fromInputs(minute, [{ labels: { __name__: 'x', job: 'a' }, values: parseSeriesValues('1 2') }]);
    const t = simulateRules([{ name: 'g', rules: [{ kind: 'record', record: 'y', expr: parse('sum by (job) (x)'), labels: { env: 'prod' } }] }], storage, {
      evaluationIntervalMs: minute,
      untilMs: minute,
    });
    expect(t.steps.map((s) => s.rules[0]!.samples)).toEqual([
      [{ labels: { __name__: 'y', env: 'prod', job: 'a' }, value: 1 }],
      [{ labels: { __name__: 'y', env: 'prod', job: 'a' }, value: 2 }],
    ]);
  });

  it('knows which samples promtool has loaded when expression tests run', () => {
    expect(promtoolLoadedUntil(90_000, minute)).toBe(minute);
    expect(promtoolLoadedUntil(120_000, minute)).toBe(2 * minute);
  });
});
