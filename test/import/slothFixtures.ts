import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ImportOptions } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject } from '../compiler/project.js';
import { fixture, importAndGenerate, type ImportRun } from './project.js';

/** A fixture of test/fixtures/import/sloth. */
export function slothFixture(name: string): string {
  return fixture(path.join('sloth', name));
}

/**
 * Imports a Sloth fixture into a fresh project and generates it before the tests of the
 * enclosing describe, and removes the project after them. The run's fields are filled in
 * by the time the tests read them.
 */
export function importedSloth(name: string, options: Pick<ImportOptions, 'windows' | 'period' | 'slothCompat'> = {}): ImportRun {
  const run = {} as ImportRun;
  beforeAll(async () => {
    Object.assign(run, await importAndGenerate({ format: 'sloth', input: slothFixture(name), ...options }));
  });
  afterAll(() => {
    if (run.dir) removeProject(run.dir);
  });
  return run;
}
