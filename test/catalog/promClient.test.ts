import { afterEach, describe, expect, it, vi } from 'vitest';
import { Registry, register as globalRegistry } from 'prom-client';
import { counter, defineMetrics, gauge, histogram, instrument, registryOf, type AnyMetric } from 'lookout/runtime';
import { gateway } from '../../src/integrations/gateway/metrics.js';
import { promtoolCheckMetrics } from './promtool.js';

const catalog = defineMetrics({
  job: 'test',
  metrics: {
    requests: counter({
      name: 'svc_requests_total',
      help: 'Requests answered, by route and status class.',
      labels: { route: ['chat', 'models'], code: ['2xx', '5xx'], provider: 'open' },
    }),
    queued: gauge({ name: 'svc_queue_depth', help: 'Items waiting in the queue.' }),
    circuit: gauge({
      name: 'svc_circuit_state',
      help: 'Circuit state per provider: 0 closed, 1 half-open, 2 open.',
      labels: { provider: 'open' },
      states: { closed: 0, half_open: 1, open: 2 },
    }),
    duration: histogram({
      name: 'svc_request_duration_seconds',
      help: 'Request latency.',
      unit: 'seconds',
      labels: { route: ['chat', 'models'] },
      buckets: [0.1, 0.5, 2],
    }),
  },
});

/** The current value of each series of `name`, keyed by its labels as `k=v,k=v`. */
async function seriesOf(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  const out: Record<string, number> = {};
  for (const v of (await metric.get()).values) {
    const key = Object.entries(v.labels).map(([k, x]) => `${k}=${x}`).join(',');
    out[('metricName' in v && v.metricName ? `${v.metricName}|` : '') + key] = v.value;
  }
  return out;
}

// Untyped view of the instruments, for tests that must get past the types on purpose.
type Loose = Record<string, Record<string, (...args: unknown[]) => unknown>>;

afterEach(() => {
  vi.useRealTimers();
});

describe('instrument()', () => {
  it('registers one prom-client metric per entry with the catalog name, help, type and labels', async () => {
    const registry = new Registry();
    instrument(catalog, registry);
    const byName = Object.fromEntries(registry.getMetricsAsArray().map((m) => [m.name, m]));
    expect(Object.keys(byName).sort()).toEqual(['svc_circuit_state', 'svc_queue_depth', 'svc_request_duration_seconds', 'svc_requests_total']);
    expect(byName['svc_requests_total']).toMatchObject({ type: 'counter', help: 'Requests answered, by route and status class.' });
    const text = await registry.metrics();
    expect(text).toContain('# TYPE svc_request_duration_seconds histogram');
  });

  it('writes the series named by the labels, adding to counters and setting gauges', async () => {
    const registry = new Registry();
    const m = instrument(catalog, registry);
    m.requests.inc({ route: 'chat', code: '2xx', provider: 'openai' });
    m.requests.inc({ route: 'chat', code: '2xx', provider: 'openai' }, 2);
    m.requests.inc({ route: 'models', code: '5xx', provider: 'anthropic' });
    m.queued.set(7);
    m.queued.inc();
    m.queued.dec(3);
    expect(await seriesOf(registry, 'svc_requests_total')).toEqual({
      'route=chat,code=2xx,provider=openai': 3,
      'route=models,code=5xx,provider=anthropic': 1,
    });
    expect(await seriesOf(registry, 'svc_queue_depth')).toEqual({ '': 5 });
  });

  it('observes into exactly the catalog buckets', async () => {
    const registry = new Registry();
    const m = instrument(catalog, registry);
    m.duration.observe({ route: 'chat' }, 0.3);
    const series = await seriesOf(registry, 'svc_request_duration_seconds');
    expect(series).toEqual({
      'svc_request_duration_seconds_bucket|le=0.1,route=chat': 0,
      'svc_request_duration_seconds_bucket|le=0.5,route=chat': 1,
      'svc_request_duration_seconds_bucket|le=2,route=chat': 1,
      'svc_request_duration_seconds_bucket|le=+Inf,route=chat': 1,
      'svc_request_duration_seconds_sum|route=chat': 0.3,
      'svc_request_duration_seconds_count|route=chat': 1,
    });
  });

  it('setState writes the number the catalog assigns to the state', async () => {
    const registry = new Registry();
    const m = instrument(catalog, registry);
    m.circuit.setState({ provider: 'openai' }, 'open');
    m.circuit.setState({ provider: 'anthropic' }, 'half_open');
    expect(await seriesOf(registry, 'svc_circuit_state')).toEqual({ 'provider=openai': 2, 'provider=anthropic': 1 });
    const loose = m as unknown as Loose;
    expect(() => loose['circuit']!['setState']!({ provider: 'openai' }, 'tripped')).toThrow(
      'metric svc_circuit_state: unknown state "tripped" (states: closed, half_open, open)',
    );
    // A prototype key is not a state either.
    expect(() => loose['circuit']!['setState']!({ provider: 'openai' }, 'toString')).toThrow(/unknown state "toString"/);
  });

  it('startTimer observes the elapsed seconds and returns them', async () => {
    vi.useFakeTimers();
    const registry = new Registry();
    const m = instrument(catalog, registry);
    const end = m.duration.startTimer({ route: 'models' });
    vi.advanceTimersByTime(1500);
    expect(end()).toBeCloseTo(1.5, 6);
    const series = await seriesOf(registry, 'svc_request_duration_seconds');
    expect(series['svc_request_duration_seconds_count|route=models']).toBe(1);
    expect(series['svc_request_duration_seconds_sum|route=models']).toBeCloseTo(1.5, 6);
    expect(series['svc_request_duration_seconds_bucket|le=0.5,route=models']).toBe(0);
    expect(series['svc_request_duration_seconds_bucket|le=2,route=models']).toBe(1);
  });

  it('setToCurrentTime writes Unix seconds', async () => {
    vi.useFakeTimers({ now: new Date('2025-01-02T03:04:05Z') });
    const registry = new Registry();
    const m = instrument(gateway, registry);
    m.configLastReloadTimestamp.setToCurrentTime();
    expect(await seriesOf(registry, 'gateway_config_last_reload_success_timestamp_seconds')).toEqual({ '': 1735787045 });
  });

  it('uses a fresh registry by default, reachable through registryOf(), never the global one', async () => {
    const m = instrument(catalog);
    m.queued.set(1);
    expect(registryOf(m)).not.toBe(globalRegistry);
    expect(await registryOf(m).metrics()).toContain('svc_queue_depth 1');
    expect(globalRegistry.getSingleMetric('svc_queue_depth')).toBeUndefined();
    expect(() => registryOf({})).toThrow(/object returned by instrument/);
  });
});

describe('run-time label checks', () => {
  const registry = new Registry();
  const loose = instrument(catalog, registry) as unknown as Loose;
  const inc = (labels: unknown, value?: number) => loose['requests']!['inc']!(labels, value);

  it.each([
    ['a value outside a closed set', { route: 'chat', code: '201', provider: 'x' }, 'metric svc_requests_total: label "code" has value "201", which the catalog does not declare (2xx, 5xx)'],
    ['a missing label', { route: 'chat', code: '2xx' }, 'metric svc_requests_total: label "provider" is missing'],
    ['an undeclared label', { route: 'chat', code: '2xx', provider: 'x', team: 't' }, 'metric svc_requests_total: label "team" is not declared (labels: route, code, provider)'],
    ['a value that is not a string', { route: 'chat', code: '2xx', provider: 42 }, 'metric svc_requests_total: label "provider" is not a string (number)'],
    ['no label object', undefined, 'metric svc_requests_total: expected a label object {route, code, provider}, got undefined'],
  ])('rejects %s and creates no series', async (_, labels, message) => {
    expect(() => inc(labels)).toThrow(message);
    expect(await seriesOf(registry, 'svc_requests_total')).toEqual({});
  });

  it('rejects a counter increase that is negative or NaN', () => {
    expect(() => loose['requests']!['inc']!({ route: 'chat', code: '2xx', provider: 'x' }, Number.NaN)).toThrow(/cannot increase a counter by NaN/);
    expect(() => loose['requests']!['inc']!({ route: 'chat', code: '2xx', provider: 'x' }, -1)).toThrow(/cannot increase a counter by -1/);
  });

  it('checks labels when a timer starts, not when it ends', () => {
    expect(() => loose['duration']!['startTimer']!({ route: 'batch' })).toThrow(/label "route" has value "batch"/);
  });
});

/** Labels for one sample of `metric`: the first value of each closed set, a name for open ones. */
function sampleLabels(metric: AnyMetric): Record<string, string> {
  return Object.fromEntries(Object.entries(metric.info.labels).map(([k, v]) => [k, v === 'open' ? `sample_${k}` : v[0]!]));
}

function recordOneSampleEach(m: Loose): void {
  for (const [key, metric] of Object.entries(gateway.metrics)) {
    const i = m[key]!;
    const labels = sampleLabels(metric);
    const args = Object.keys(labels).length > 0 ? [labels] : [];
    if (metric.type === 'counter') i['inc']!(...args, 1);
    else if (metric.type === 'histogram') i['observe']!(...args, 0.25);
    else if (metric.states) i['setState']!(...args, Object.keys(metric.states)[0]);
    else i['set']!(...args, 1);
  }
}

describe('the gateway catalog through prom-client', () => {
  it('exposes every metric, and promtool check metrics finds nothing to lint', async () => {
    const registry = new Registry();
    recordOneSampleEach(instrument(gateway, registry) as unknown as Loose);
    const text = await registry.metrics();
    const families = [...text.matchAll(/^# TYPE (\S+) /gm)].map((x) => x[1]);
    expect(families).toHaveLength(Object.keys(gateway.metrics).length);
    const result = promtoolCheckMetrics(text);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('promtool does flag a badly named metric (the check above can fail)', () => {
    const result = promtoolCheckMetrics('# HELP gateway_requests Requests.\n# TYPE gateway_requests counter\ngateway_requests 1\n');
    expect(result.status).toBe(3);
    expect(result.output).toMatch(/counter metrics should have "_total" suffix/);
  });
});
