import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';

const MINI = path.resolve(import.meta.dirname, '../fixtures/mini');

describe('golden output', () => {
  it('test/fixtures/mini/generated matches what lookout generates for it, byte for byte', async () => {
    const result = await generate({ root: MINI, check: true });
    expect(result.drift, 'regenerate with `npm run lookout -- generate --project test/fixtures/mini` and review the diff').toEqual({ changed: [], missing: [], extra: [] });
  });
});
