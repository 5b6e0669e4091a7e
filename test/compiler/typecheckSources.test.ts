import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discover } from '../../src/engine/compiler/discover.js';
import { ParsedSources, typecheck } from '../../src/engine/compiler/typecheck.js';
import { GOOD_RULES } from '../isolation/project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { makeProject, removeProject } from './project.js';

/**
 * The type check's thread keeps parsed files between checks (ParsedSources). A process that
 * runs `generate --no-cache` (a plain program) and then `generate` (an incremental one) must
 * get a check from each, not TypeScript's "source files with versions set" failure.
 */
describe('parsed files kept between type checks', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) removeProject(d);
  });

  it('serve a plain check, then an incremental one, then a plain one again', { timeout: TIMEOUT.generate }, async () => {
    const dir = makeProject({ 'rules/shop.ts': GOOD_RULES });
    const cache = mkdtempSync(path.join(os.tmpdir(), 'lookout-tsbuildinfo-'));
    dirs.push(dir, cache);
    const files = await discover(dir);
    if ('missing' in files) throw new Error(files.missing);
    const sources = new ParsedSources();
    const runs = [undefined, path.join(cache, 'a.tsbuildinfo'), undefined].map((buildInfo) => typecheck(files, buildInfo, sources).diagnostics);
    for (const diagnostics of runs) expect(diagnostics).toEqual([]);
  });
});
