import { describe, expect, it } from 'vitest';
import { EvaluationError } from '../../src/engine/evaluator/index.js';
import { fromRecord } from '../../src/engine/evaluator/labelSet.js';
import { checkUniqueLabels } from '../../src/engine/evaluator/values.js';

describe('checkUniqueLabels', () => {
  const a = fromRecord({ job: 'a' });
  const b = fromRecord({ job: 'b' });

  it('accepts distinct label sets however often the same arrays come back', () => {
    for (let i = 0; i < 3; i++) expect(() => checkUniqueLabels([{ labels: a, value: 1 }, { labels: b, value: 2 }])).not.toThrow();
  });

  it('rejects one label set twice, as the same array or as equal ones', () => {
    const error = new EvaluationError('vector cannot contain metrics with the same labelset');
    expect(() => checkUniqueLabels([{ labels: a, value: 1 }, { labels: a, value: 2 }])).toThrow(error);
    expect(() => checkUniqueLabels([{ labels: b, value: 1 }, { labels: fromRecord({ job: 'b' }), value: 2 }])).toThrow(error);
  });
});
