import { describe, expect, it } from 'vitest';
import { evaluate, EvaluationError, MemoryStorage, UnsupportedError, type EvalResult } from '../../src/engine/evaluator/index.js';
import { parse } from './battery.js';

/** How the evaluator reports regexps: Prometheus's errors as EvaluationError, the rest as unsupported. */

const s = MemoryStorage.fromInputs(60_000, [
  { labels: { __name__: 'up', job: 'ab' }, values: [1] },
  { labels: { __name__: 'up', job: 'ba' }, values: [1] },
]);
const run = (q: string): EvalResult => evaluate(parse(q), 0, s);
const jobs = (r: EvalResult) => (r.type === 'vector' ? r.samples.map((x) => x.labels) : r);

describe('regexps in the evaluator', () => {
  it("reports an invalid matcher regexp with Go's message for the anchored pattern, as Prometheus does", () => {
    // promtool: 1:4: parse error: error parsing regexp: missing closing ): `^(?:()$`
    expect(() => run('up{job=~"("}')).toThrow(new EvaluationError('error parsing regexp: missing closing ): `^(?:()$`'));
    // promtool: 1:4: parse error: error parsing regexp: unexpected ): `a)|(b`
    expect(() => run('up{job!~"a)|(b"}')).toThrow(new EvaluationError('error parsing regexp: unexpected ): `a)|(b`'));
  });

  it('reports an invalid label_replace regexp the way Prometheus words it, even for an empty vector', () => {
    // promtool: invalid regular expression in label_replace(): x**
    expect(() => run('label_replace(nothing, "x", "$1", "job", "x**")')).toThrow(
      new EvaluationError('invalid regular expression in label_replace(): x**'),
    );
  });

  it('rejects syntax that JavaScript has and Go does not, instead of running it', () => {
    expect(() => run('up{job=~"(a)\\\\1"}')).toThrow(EvaluationError);
    expect(() => run('up{job=~"(?=a)ab"}')).toThrow(EvaluationError);
  });

  it('anchors label_replace by text, so a)|(b means "starts with a" or "ends with b"', () => {
    expect(jobs(run('label_replace(up, "hit", "[$1]", "job", "a)|(b")'))).toEqual([
      { __name__: 'up', hit: '[]', job: 'ab' },
      { __name__: 'up', job: 'ba' },
    ]);
  });

  it('refuses a label_replace whose group Go would fill from an earlier loop iteration', () => {
    expect(() => run('label_replace(up, "x", "$1", "job", "(?:(a)|b)*")')).toThrow(UnsupportedError);
    try {
      run('label_replace(up, "x", "$1", "job", "(?:(a)|b)*")');
    } catch (e) {
      expect((e as UnsupportedError).feature).toMatch(/^regex: group 1 is unset/);
    }
  });
});
