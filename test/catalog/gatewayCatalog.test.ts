import { describe, expect, it } from 'vitest';
import type { AnyMetric } from 'lookout';
import { gateway } from '../../src/integrations/gateway/metrics.js';
import { prometheusBuiltins } from '../../src/library/catalog/builtin.js';
import { checkCatalogs } from '../../src/library/catalog/checks/index.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';

const entries = Object.entries(gateway.metrics) as [string, AnyMetric][];
const histograms = Object.fromEntries(entries.flatMap(([k, m]) => (m.type === 'histogram' ? [[k, m.buckets]] : [])));

// The thresholds SLOs, alerts and dashboards put on each latency histogram. A threshold that
// is not a bucket bound can only be interpolated, so an SLO on it would be an estimate.
const REQUEST_SCALE = [0.05, 0.2, 0.3, 0.5, 2, 4, 5, 8, 10];
const THRESHOLDS: Record<string, number[]> = {
  requestDuration: REQUEST_SCALE,
  providerAttemptDuration: REQUEST_SCALE,
  timeToFirstToken: REQUEST_SCALE,
  // Gateway overhead SLO: p99 under 200 ms; 50 ms is the "fast" line on the dashboard.
  overhead: [0.05, 0.2, 0.3, 0.5],
  // A stream feels sticky past 200-300 ms between chunks.
  interTokenLatency: [0.05, 0.2, 0.3, 0.5],
  // Policy evaluation SLO: under 50 ms.
  policyDuration: [0.05, 0.2, 0.5],
  eventDeliveryDuration: [0.5, 5, 10],
};

// Open labels take values from configuration; adding one here is a review of its bound.
const BOUNDED_OPEN_LABELS = ['provider', 'fallback_provider', 'model', 'team', 'policy', 'credential', 'version', 'revision', 'node_version'];
const IDENTIFIER = /(^|_)(id|ids|user|username|email|key|api_key|virtual_key|request|session|trace|span|conversation|ip|addr|url|path)$/;

describe('the gateway catalog', () => {
  it('passes every catalog lint rule, with no warnings', () => {
    const index = new MetricIndex([gateway, prometheusBuiltins]);
    expect(checkCatalogs([gateway], index)).toEqual([]);
  });

  it('is scraped as job ai-gateway', () => {
    expect(gateway.job).toBe('ai-gateway');
  });

  it.each(Object.entries(THRESHOLDS))('%s has a bucket bound at every threshold used on it', (key, thresholds) => {
    const buckets = histograms[key];
    expect(buckets, `${key} is not a histogram`).toBeDefined();
    expect(thresholds.filter((t) => !buckets!.includes(t))).toEqual([]);
  });

  it('states a threshold table for every histogram', () => {
    expect(Object.keys(histograms).sort()).toEqual(Object.keys(THRESHOLDS).sort());
  });

  it('has no label that identifies a user, key or request', () => {
    const offending = entries.flatMap(([, m]) => Object.keys(m.info.labels).filter((l) => IDENTIFIER.test(l)).map((l) => `${m.info.name}{${l}}`));
    expect(offending).toEqual([]);
  });

  it('declares open labels only among those bounded by configuration', () => {
    const open = entries.flatMap(([, m]) => Object.entries(m.info.labels).flatMap(([l, v]) => (v === 'open' ? [l] : [])));
    expect([...new Set(open)].filter((l) => !BOUNDED_OPEN_LABELS.includes(l))).toEqual([]);
  });

  it('names every counter *_total and nothing else so', () => {
    for (const [, m] of entries) expect(m.info.name.endsWith('_total'), m.info.name).toBe(m.type === 'counter');
  });

  it('names every series once, histogram series and Prometheus builtins included', () => {
    const index = new MetricIndex([gateway, prometheusBuiltins]);
    expect(index.collisions.map((c) => c.name)).toEqual([]);
    const names = entries.map(([, m]) => m.info.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('puts every metric under the gateway_ prefix, durations in seconds', () => {
    for (const [, m] of entries) {
      expect(m.info.name).toMatch(/^gateway_/);
      if (m.type === 'histogram') expect(m.info.unit, m.info.name).toBe('seconds');
    }
  });

  it('encodes the circuit states the way alerts compare them', () => {
    expect(gateway.metrics.circuitState.states).toEqual({ closed: 0, half_open: 1, open: 2 });
    expect(gateway.metrics.circuitState.is('open').toString()).toBe('gateway_circuit_state == 2');
  });
});
