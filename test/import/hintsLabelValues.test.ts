import { describe, expect, it } from 'vitest';
import { declaredValues } from '../../src/engine/compiler/import/labelValues.js';
import { counter, defineMetrics } from '../../src/library/index.js';
import type { LabelValues } from '../../src/library/labels.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';
import { matchesLabel } from '../../src/engine/goregexp/index.js';
import type { LabelMatcher } from '../../src/library/promql/ast.js';
import { buildUniverse, SynthesisError } from '../../src/engine/synthesis/universe.js';

const m = (name: string, op: LabelMatcher['op'], value: string): LabelMatcher => ({ name, op, value });

/** The series test synthesis would feed an SLI whose bad events are `matchers`, with `values` declared. */
function universe(label: string, values: LabelValues, matchers: LabelMatcher[]) {
  const catalog = defineMetrics({ job: 'api', metrics: { requests: counter({ name: 'api_requests_total', help: 'Requests the api answered.', labels: { [label]: values } }) } });
  const info = new MetricIndex([catalog]).get('api_requests_total')!;
  return buildUniverse([{ info, matchers }], (i) => (i.origin.kind === 'metric' ? i.origin.catalog.jobs : []), undefined).map((s) => s.labels[label]!);
}

describe('label values the import declares for the labels its SLIs match on', () => {
  it.each([
    ["Sloth's getting-started errors, 5xx or 429", 'code', [m('code', '=~', '(5..|429)')]],
    ['5xx', 'code', [m('code', '=~', '5..')]],
    ['good events as not 5xx', 'code', [m('code', '!~', '5..')]],
    ['one route', 'route', [m('route', '=', 'checkout')]],
    ['all routes but one', 'route', [m('route', '!=', 'health')]],
    ['gRPC failure codes', 'grpc_code', [m('grpc_code', '=~', 'Unavailable|Internal|DeadlineExceeded')]],
  ])('%s: a closed set with a value the selector takes and one it does not, so tests have bad and good events', (_name, label, matchers) => {
    const values = declaredValues(label, [matchers]);
    expect(values).not.toBe('open');
    const series = universe(label, values, matchers);
    expect(series.some((v) => matchers.every((x) => matchesLabel(x, v)))).toBe(true);
    expect(series.some((v) => !matchers.every((x) => matchesLabel(x, v)))).toBe(true);
  });

  it("builds tests for a grouped alternation, where the old hint's 'open' built none", () => {
    const matchers = [m('code', '=~', '(5..|429)')];
    expect(() => universe('code', 'open', matchers)).toThrow(SynthesisError);
    expect(() => universe('code', declaredValues('code', [matchers]), matchers)).not.toThrow();
  });

  it('stays open for a label only grouped by, and for a pattern that takes every value', () => {
    expect(declaredValues('provider', [[], []])).toBe('open');
    expect(declaredValues('path', [[m('path', '=~', '.*')]])).toBe('open');
  });

  it('declares HTTP codes as the common set, with any other code the queries name', () => {
    expect(declaredValues('code', [[m('code', '=', '418')], [m('code', '=~', '5..')]])).toEqual(['200', '201', '204', '301', '302', '304', '400', '401', '403', '404', '409', '418', '429', '500', '502', '503', '504']);
  });
});
