import { describe, expect, it } from 'vitest';
import { EvaluationError, MemoryStorage } from '../../src/engine/evaluator/index.js';
import { fromRecord, type Labels } from '../../src/engine/evaluator/labelSet.js';
import { RecordedLabels, RuleOutput } from '../../src/engine/evaluator/ruleOutput.js';
import { parse } from './battery.js';

const minute = 60_000;

function written(storage: MemoryStorage, name: string): Array<[number, number | 'stale']> {
  const [s] = storage.select(name, []);
  return s ? s.t.map((t, i) => [t, s.stale[i] ? 'stale' : s.v[i]!]) : [];
}

describe('RuleOutput', () => {
  const a = fromRecord({ __name__: 'a' });
  const b = fromRecord({ __name__: 'b' });

  it('marks stale what the previous write had and this one has not, reusing or not the same arrays', () => {
    const storage = MemoryStorage.empty();
    const out = new RuleOutput();
    out.write(storage, 0, [{ labels: a, value: 1 }, { labels: b, value: 2 }]);
    out.write(storage, minute, [{ labels: a, value: 3 }, { labels: b, value: 4 }]);
    // Equal labels in fresh arrays and another order still find the same series.
    out.write(storage, 2 * minute, [{ labels: fromRecord({ __name__: 'b' }), value: 5 }, { labels: fromRecord({ __name__: 'a' }), value: 6 }]);
    out.write(storage, 3 * minute, [{ labels: b, value: 7 }]);
    out.write(storage, 4 * minute, []);
    expect(written(storage, 'a')).toEqual([[0, 1], [minute, 3], [2 * minute, 6], [3 * minute, 'stale']]);
    expect(written(storage, 'b')).toEqual([[0, 2], [minute, 4], [2 * minute, 5], [3 * minute, 7], [4 * minute, 'stale']]);
  });

  it('writes to the series of the labels at each position when the arrays shift', () => {
    const storage = MemoryStorage.empty();
    const out = new RuleOutput();
    out.write(storage, 0, [{ labels: a, value: 1 }, { labels: b, value: 2 }]);
    out.write(storage, minute, [{ labels: b, value: 3 }, { labels: a, value: 4 }]);
    expect(written(storage, 'a')).toEqual([[0, 1], [minute, 4]]);
    expect(written(storage, 'b')).toEqual([[0, 2], [minute, 3]]);
  });
});

describe('RecordedLabels', () => {
  const rule = { kind: 'record' as const, record: 'r', expr: parse('x'), labels: { env: 'prod' } };
  const sample = (labels: Labels, value = 1) => ({ labels, value });

  it('reuses last step\'s output array for equal result labels, and only then', () => {
    const recorded = new RecordedLabels(rule);
    const first = recorded.samples([sample(fromRecord({ job: 'a' })), sample(fromRecord({ job: 'b' }))]);
    expect(first.map((s) => Object.fromEntries(s.labels))).toEqual([
      { __name__: 'r', env: 'prod', job: 'a' },
      { __name__: 'r', env: 'prod', job: 'b' },
    ]);
    const second = recorded.samples([sample(fromRecord({ job: 'a' }), 2), sample(fromRecord({ job: 'c' }))]);
    expect(second[0]!.labels).toBe(first[0]!.labels);
    expect(second[0]!.value).toBe(2);
    expect(Object.fromEntries(second[1]!.labels)).toEqual({ __name__: 'r', env: 'prod', job: 'c' });
  });

  it('still finds a duplicate label set among partly reused outputs', () => {
    const recorded = new RecordedLabels({ ...rule, labels: { job: 'same' } });
    recorded.samples([sample(fromRecord({ job: 'a' }))]);
    expect(() => recorded.samples([sample(fromRecord({ job: 'a' })), sample(fromRecord({ job: 'b' }))])).toThrow(
      new EvaluationError('vector contains metrics with the same labelset after applying rule labels'),
    );
  });
});
