import { describe, expect, it } from 'vitest';
import { rate, re, sum } from 'lookout/promql';
import { promql, rateInterval, shareOf } from 'lookout/dashboards';
import { gateway } from '../../src/integrations/gateway/metrics.js';

const m = gateway.metrics;

describe('shareOf', () => {
  it('falls back to the whole times zero, so the ratio reads 0 before the first error instead of nothing', () => {
    const errors = sum(rate(m.requests.where({ code: re('5..') }), rateInterval)).by('provider');
    const all = sum(rate(m.requests, rateInterval)).by('provider');
    expect(promql(shareOf(errors, all))).toBe(
      '(sum by (provider) (rate(gateway_requests_total{code=~"5.."}[$__rate_interval])) or sum by (provider) (rate(gateway_requests_total[$__rate_interval])) * 0) / sum by (provider) (rate(gateway_requests_total[$__rate_interval]))',
    );
  });
});
