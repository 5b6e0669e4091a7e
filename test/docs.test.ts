import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allChecks, checksMarkdown } from '../src/engine/checks/registry.js';

describe('docs/checks.md', () => {
  it('lists every check with the reason it exists, as the code defines them', () => {
    const onDisk = readFileSync(path.resolve(import.meta.dirname, '../docs/checks.md'), 'utf8');
    expect(onDisk, 'run `npm run lookout -- checks --markdown > docs/checks.md`').toBe(checksMarkdown());
  });

  it('has unique, namespaced ids', () => {
    const ids = allChecks().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
  });
});
