import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaleAlertmanagerConfig, scaleExpr, scaleRuleFile } from '../../src/integrations/loadtest/timeScale.js';

const SCALE = { factor: 60, scrapeIntervalMs: 1000 };

describe('time scaling of the shipped rules', () => {
  it('divides ranges, subquery steps and offsets, and keeps ranges at least four scrapes long', () => {
    expect(scaleExpr('sum(rate(x_total[10m])) / sum(rate(x_total[2m] offset 1h))', SCALE)).toBe('sum(rate(x_total[10s])) / sum(rate(x_total[4s] offset 1m))');
    expect(scaleExpr('max_over_time(avg_over_time(y[30d])[1h:2m])', SCALE)).toBe('max_over_time(avg_over_time(y[12h])[1m:2s])');
    // Thresholds are values, not durations: they stay as written.
    expect(scaleExpr('time() - z > 86400', SCALE)).toBe('time() - z > 86400');
  });

  it('scales a rule file: group interval, for, keep_firing_for and every expression', () => {
    const file = 'groups:\n  - name: g\n    interval: 30s\n    rules:\n      - alert: A\n        expr: rate(x_total[5m]) > 1\n        for: 10m\n        keep_firing_for: 2m\n';
    expect(parse(scaleRuleFile(file, SCALE))).toEqual({
      groups: [{ name: 'g', interval: '1s', rules: [{ alert: 'A', expr: 'rate(x_total[5s]) > 1', for: '10s', keep_firing_for: '2s' }] }],
    });
  });

  it("scales Alertmanager's waits and intervals at every level of the route tree", () => {
    const config = { global: { resolve_timeout: '5m' }, route: { receiver: 'a', group_wait: '30s', repeat_interval: '4h', routes: [{ receiver: 'b', group_interval: '5m' }] } };
    expect(scaleAlertmanagerConfig(config, SCALE)).toEqual({
      global: { resolve_timeout: '5s' },
      route: { receiver: 'a', group_wait: '1s', repeat_interval: '4m', routes: [{ receiver: 'b', group_interval: '5s' }] },
    });
  });
});
