import { describe, expect, it } from 'vitest';
import type { Variable } from '../../src/integrations/grafana/dashboardFiles.js';
import { builtinVariables, interpolate, queryIntervals, resolveVariables, roundInterval, type VariableValue } from '../../src/integrations/grafana/variables.js';

const HOUR = { fromMs: 1_700_000_000_000, toMs: 1_700_000_000_000 + 3_600_000 };

function value(name: string, values: string[], extra: Partial<VariableValue> = {}): [string, VariableValue] {
  return [name, { name, values, texts: values, all: false, regexList: false, source: 'current', ...extra }];
}

describe('Grafana time variables for a Prometheus datasource', () => {
  it('rounds a raw interval to the nice interval Grafana shows', () => {
    expect([roundInterval(9), roundInterval(3_892), roundInterval(16_000), roundInterval(100_000), roundInterval(10 ** 12)]).toEqual([10, 5_000, 15_000, 120_000, 31_536_000_000]);
  });

  it('never steps below the scrape interval, and $__rate_interval is max(step + scrape, 4 × scrape)', () => {
    // 1 h over 925 px is 3.9 s a point, rounded to 5 s; a 15 s scrape interval wins.
    expect(queryIntervals({ window: HOUR, scrapeIntervalMs: 15_000, maxDataPoints: 925 })).toEqual({ intervalMs: 15_000, stepSeconds: 15, rateIntervalMs: 60_000 });
    // With a 1 s scrape interval the 5 s step wins, and step + scrape beats 4 × scrape.
    expect(queryIntervals({ window: HOUR, scrapeIntervalMs: 1_000, maxDataPoints: 925 })).toEqual({ intervalMs: 5_000, stepSeconds: 5, rateIntervalMs: 6_000 });
  });

  it("widens the step to stay under Prometheus's 11,000 points per series", () => {
    const day = { fromMs: 0, toMs: 86_400_000 };
    expect(queryIntervals({ window: day, scrapeIntervalMs: 1_000, maxDataPoints: 20_000 }).stepSeconds).toBe(8);
  });

  it('honours a panel or query min interval', () => {
    expect(queryIntervals({ window: HOUR, scrapeIntervalMs: 15_000, maxDataPoints: 925, minIntervalMs: 60_000 })).toMatchObject({ stepSeconds: 60, rateIntervalMs: 75_000 });
  });

  it('substitutes $__interval, $__rate_interval, $__range, $__range_s, $__range_ms and ${__from:date:seconds}', () => {
    const b = builtinVariables(HOUR, queryIntervals({ window: HOUR, scrapeIntervalMs: 15_000, maxDataPoints: 925 }));
    const text = 'rate(x[$__rate_interval]) $__interval ${__interval_ms} [[__range]] $__range_s $__range_ms ${__from:date:seconds}';
    expect(interpolate(text, new Map(), b)).toBe('rate(x[1m]) 15s 15000 3600s 3600 3600000 1700000000');
  });
});

describe('template variables, formatted as the Prometheus datasource formats them', () => {
  const vars = new Map([
    value('job', ['gateway']),
    value('route', ['/api/users.v2', '/api/orders'], { regexList: true }),
    value('one', ['a.b'], { regexList: true }),
    value('quote', ["it's\\"]),
    value('any', [], { all: true, allValue: '.*', regexList: true }),
  ]);

  it('accepts $var, ${var} and [[var]], and leaves unknown names as written', () => {
    expect(interpolate('up{job="$job"} ${job} [[job]] $nope ${nope}', vars)).toBe('up{job="gateway"} gateway gateway $nope ${nope}');
  });

  it('writes a multi-value selection as a regex alternation, escaped for a PromQL string', () => {
    expect(interpolate('x{route=~"$route"}', vars)).toBe('x{route=~"(/api/users\\\\.v2|/api/orders)"}');
    expect(interpolate('x{o=~"$one"}', vars)).toBe('x{o=~"a\\\\.b"}');
  });

  it('uses a custom all value as written', () => {
    expect(interpolate('x{job=~"$any"}', vars)).toBe('x{job=~".*"}');
    expect(interpolate('${any:text}', vars)).toBe('All');
  });

  it("escapes a single value's backslashes and quotes as Grafana does", () => {
    expect(interpolate('$quote', vars)).toBe("it\\\\'s\\\\");
  });

  it('applies ${var:format}', () => {
    const cases: [string, string][] = [
      // Grafana's regex escape includes the slash.
      ['${route:regex}', '(\\/api\\/users\\.v2|\\/api\\/orders)'],
      ['${route:pipe}', '/api/users.v2|/api/orders'],
      ['${route:csv}', '/api/users.v2,/api/orders'],
      ['${route:raw}', '/api/users.v2,/api/orders'],
      ['${route:json}', '["/api/users.v2","/api/orders"]'],
      ['${route:glob}', '{/api/users.v2,/api/orders}'],
      ['${route:doublequote}', '"/api/users.v2","/api/orders"'],
      ['${route:singlequote}', "'/api/users.v2','/api/orders'"],
      ['${route:queryparam}', 'var-route=%2Fapi%2Fusers.v2&var-route=%2Fapi%2Forders'],
      ['[[job:regex]]', 'gateway'],
    ];
    for (const [text, want] of cases) expect(interpolate(text, vars), text).toBe(want);
  });
});

describe('resolving variables without a saved value', () => {
  const window = HOUR;
  const v = (x: Partial<Variable> & { type: string; name: string }) => x as Variable;

  it('picks the first option, or All when the variable offers it, as Grafana does on load', async () => {
    const { values, problems } = await resolveVariables(
      [
        v({ type: 'custom', name: 'q', query: '0.5, 0.95 ,0.99' }),
        v({ type: 'custom', name: 'env', query: 'Production : prod,Staging : stage', includeAll: true, multi: true }),
        v({ type: 'custom', name: 'saved', query: 'a,b', current: { value: ['b'], text: ['b'] }, multi: true }),
        v({ type: 'constant', name: 'c', query: 'k8s' }),
        v({ type: 'textbox', name: 't', query: 'typed' }),
        v({ type: 'interval', name: 'i', query: '1m,10m' }),
      ],
      { window },
    );
    expect(problems).toEqual([]);
    expect(interpolate('$q $env $saved $c $t $i', values)).toBe('0.5 (prod|stage) b k8s typed 1m');
    expect(values.get('env')).toMatchObject({ all: true, source: 'all' });
  });

  it('reports a query variable it cannot resolve instead of guessing', async () => {
    const { values, problems } = await resolveVariables([v({ type: 'query', name: 'job', query: 'label_values(up, job)' })], { window });
    expect(values.has('job')).toBe(false);
    expect(problems).toEqual([{ name: 'job', kind: 'unsupported', message: 'has no saved value and no Prometheus to run its query against' }]);
  });
});
