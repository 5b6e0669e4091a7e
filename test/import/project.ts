import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { generate, type GenerateResult } from '../../src/engine/compiler/generate.js';
import { importSpec, type ImportOptions, type ImportResult } from '../../src/engine/compiler/import/importSpec.js';
import { runTool, PROMTOOL } from '../../src/engine/compiler/tools.js';
import { makeProject } from '../compiler/project.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

const CONFIG = `import { defineProject } from 'lookout';
import { shop } from './metrics.js';
import { myservice } from './myservice.metrics.js';

export default defineProject({ name: 'shop', catalogs: [shop, myservice], scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d' });
`;

/** A temporary copy of the mini project whose config also lists the Sloth example's catalog. */
export function importProject(files: Record<string, string> = {}): string {
  return makeProject({ 'lookout.config.ts': CONFIG, 'myservice.metrics.ts': readFileSync(fixture('myservice.metrics.ts'), 'utf8'), ...files });
}

export interface ImportRun {
  dir: string;
  imported: ImportResult;
  /** The module written. */
  module: string;
  /** `lookout generate` of the project afterwards. */
  generated: GenerateResult;
}

/** Imports a spec into a fresh `importProject()`, then generates the project. */
export async function importAndGenerate(options: Omit<ImportOptions, 'root'>): Promise<ImportRun> {
  const dir = importProject();
  const imported = await importSpec({ ...options, root: dir, out: options.out && path.join(dir, options.out) });
  const module = readFileSync(imported.outFile, 'utf8');
  return { dir, imported, module, generated: await generate({ root: dir }) };
}

/** `promtool check rules` and `promtool test rules` over a generated project, each in one call. */
export async function expectPromtoolPasses(dir: string): Promise<{ rules: string[]; tests: string[] }> {
  const list = (sub: string) =>
    (existsSync(path.join(dir, 'generated/prometheus', sub)) ? readdirSync(path.join(dir, 'generated/prometheus', sub)) : [])
      .filter((f) => f.endsWith('.yml'))
      .sort()
      .map((f) => `generated/prometheus/${sub}/${f}`);
  const rules = list('rules');
  const tests = list('tests');
  const check = await runTool(PROMTOOL, ['check', 'rules', ...rules], dir);
  expect(check.ok, check.output).toBe(true);
  if (tests.length > 0) {
    const test = await runTool(PROMTOOL, ['test', 'rules', ...tests], dir);
    expect(test.ok, test.output).toBe(true);
  }
  return { rules, tests };
}
