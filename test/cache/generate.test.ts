import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../src/engine/compiler/generate.js';
import { makeProject, removeProject } from '../compiler/project.js';

/**
 * The cache as a user meets it: one project generated again and again while each kind of
 * input changes. Every step checks what was redone (the run skipped, or how many alerts'
 * tests came from the cache) and that the output equals a generate without any cache.
 */

const RULES = (limit: string, downFor: string) => `import { alert, ruleGroup } from 'lookout';
import { QUEUE_LIMIT } from '../lib/limits.js';

export default ruleGroup({
  name: 'shop',
  rules: [
    alert({ name: 'ShopQueueDeep', expr: \`shop_queue_depth > \${QUEUE_LIMIT}\`, for: '5m', severity: 'ticket', summary: 'The order queue is deep.', description: 'Deep.' }),
    alert({ name: 'ShopDown', expr: 'up{job="shop"} == 0', for: '${downFor}', severity: 'ticket', summary: 'Shop is down.', description: 'Down.' }),
  ],
});
// ${limit}
`;

let dir: string;
let cacheDir: string;
const savedEnv = process.env.LOOKOUT_CACHE_DIR;
const write = (rel: string, text: string) => writeFileSync(path.join(dir, rel), text);
const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');

/** generate() with the cache; then proves the output is what a generate without it writes. */
async function cachedGenerate(options: { check?: boolean } = {}): Promise<GenerateResult> {
  const result = await generate({ root: dir, ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

async function sameAsWithoutCache(): Promise<void> {
  const fresh = await generate({ root: dir, check: true, cache: false });
  expect(fresh.drift).toEqual({ changed: [], missing: [], extra: [] });
}

function runRecord(): string {
  const runs = path.join(cacheDir, 'runs');
  const files = readdirSync(runs);
  expect(files).toHaveLength(1);
  return path.join(runs, files[0]!);
}

function entries(): string[] {
  const root = path.join(cacheDir, 'synthesis');
  return readdirSync(root).flatMap((shard) => readdirSync(path.join(root, shard)).map((f) => path.join(root, shard, f)));
}

beforeAll(() => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'lookout-cache-'));
  process.env.LOOKOUT_CACHE_DIR = cacheDir;
  dir = makeProject({
    'lib/limits.ts': 'export const QUEUE_LIMIT = 100;\n',
    'rules/shop.ts': RULES('v1', '5m'),
    'runbooks/partials/summary.hbs': '> {{alert.summary}}\n',
  });
});

afterAll(() => {
  removeProject(dir);
  rmSync(cacheDir, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env.LOOKOUT_CACHE_DIR;
  else process.env.LOOKOUT_CACHE_DIR = savedEnv;
});

describe('generate with its cache', () => {
  it('does no work when nothing changed, for generate and for --check, and gives the same files', async () => {
    const first = await cachedGenerate();
    expect(first.upToDate).toBeUndefined();
    expect(first.synthesis).toEqual({ alerts: 2, cached: 0 });
    const again = await cachedGenerate();
    expect(again.upToDate).toBe(true);
    expect(again.synthesis).toBeUndefined();
    expect(again.artifacts).toEqual(first.artifacts);
    const check = await cachedGenerate({ check: true });
    expect(check.upToDate).toBe(true);
    expect(check.status).toBe('ok');
  });

  it('redoes the one alert that reads a changed file imported by a definition', async () => {
    write('lib/limits.ts', 'export const QUEUE_LIMIT = 250;\n');
    const result = await cachedGenerate();
    expect(result.upToDate).toBeUndefined();
    expect(result.synthesis).toEqual({ alerts: 2, cached: 1 });
    expect(read('generated/prometheus/rules/shop.rules.yml')).toContain('shop_queue_depth > 250');
    await sameAsWithoutCache();
  });

  it('redoes the one alert edited in a definition file', async () => {
    write('rules/shop.ts', RULES('v1', '10m'));
    const result = await cachedGenerate();
    expect(result.synthesis).toEqual({ alerts: 2, cached: 1 });
    expect(read('generated/prometheus/rules/shop.rules.yml')).toContain('for: 10m');
  });

  it('reruns on an edit that changes no output, and rewrites nothing', async () => {
    write('rules/shop.ts', RULES('v2', '10m'));
    const result = await cachedGenerate();
    expect(result.upToDate).toBeUndefined();
    expect(result.synthesis).toEqual({ alerts: 2, cached: 2 });
    expect(result.drift).toEqual({ changed: [], missing: [], extra: [] });
  });

  it('redoes only the runbooks when a runbook partial changes', async () => {
    write('runbooks/partials/summary.hbs', '> {{alert.summary}} (see the team channel)\n');
    const result = await cachedGenerate();
    expect(result.synthesis).toEqual({ alerts: 2, cached: 2 });
    expect(result.drift!.changed.length).toBeGreaterThan(0);
    expect(result.drift!.changed.every((f) => f.startsWith('runbooks/'))).toBe(true);
    expect(read('generated/runbooks/shop-down.md')).toContain('(see the team channel)');
  });

  it('redoes every alert when the config changes what their tests expect', async () => {
    write('lookout.config.ts', read('lookout.config.ts').replace("retention: '35d'", "retention: '35d', runbookBaseUrl: 'https://wiki.example.com/runbooks'"));
    const result = await cachedGenerate();
    expect(result.synthesis).toEqual({ alerts: 2, cached: 0 });
    expect(read('generated/prometheus/tests/shop.test.yml')).toContain('https://wiki.example.com/runbooks/shop-down');
  });

  it('reruns when a definition file is added', async () => {
    write('rules/extra.ts', RULES('v1', '5m').replace("name: 'shop'", "name: 'extra'").replaceAll("name: 'Shop", "name: 'Extra"));
    const result = await cachedGenerate();
    expect(result.upToDate).toBeUndefined();
    expect(result.synthesis).toEqual({ alerts: 4, cached: 2 });
    rmSync(path.join(dir, 'rules/extra.ts'));
    const removed = await cachedGenerate();
    expect(removed.upToDate).toBeUndefined();
    expect(removed.drift!.extra.length).toBeGreaterThan(0);
    expect(removed.synthesis).toEqual({ alerts: 2, cached: 2 });
  });

  it('notices a generated file edited by hand: --check reports the drift, generate writes it back', async () => {
    const file = 'generated/prometheus/rules/shop.rules.yml';
    const good = read(file);
    write(file, `${good}# edited\n`);
    const check = await cachedGenerate({ check: true });
    expect(check.upToDate).toBeUndefined();
    expect(check.status).toBe('drift');
    expect(check.drift!.changed).toEqual(['prometheus/rules/shop.rules.yml']);
    const fixed = await cachedGenerate();
    expect(fixed.drift!.changed).toEqual(['prometheus/rules/shop.rules.yml']);
    expect(read(file)).toBe(good);
  });

  it("reports a type error again on the next run, from TypeScript's record of what it checked", async () => {
    const good = read('rules/shop.ts');
    write('rules/shop.ts', good.replace("severity: 'ticket', summary: 'Shop is down.'", "severity: 'tickett', summary: 'Shop is down.'"));
    for (let run = 0; run < 2; run++) {
      const result = await generate({ root: dir });
      expect(result.status).toBe('errors');
      expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['rules/shop.ts:8 typescript/TS2820']);
    }
    write('rules/shop.ts', good);
    expect((await cachedGenerate()).upToDate).toBe(true);
  });

  it('does not trust the record of a run by another lookout, nor a corrupt one', async () => {
    const record = runRecord();
    const text = readFileSync(record, 'utf8');
    writeFileSync(record, text.replace(/"toolchain":"[0-9a-f]+"/, `"toolchain":"${'0'.repeat(64)}"`));
    const other = await cachedGenerate();
    expect(other.upToDate).toBeUndefined();
    expect(other.cacheNotes).toEqual([]);
    writeFileSync(record, text.slice(0, 100));
    const corrupt = await cachedGenerate();
    expect(corrupt.upToDate).toBeUndefined();
    expect(corrupt.cacheNotes.join('\n')).toMatch(/ignored the record of the last run/);
    expect((await cachedGenerate()).upToDate).toBe(true);
  });

  it('ignores corrupt and foreign entries with a warning and writes the right tests anyway', async () => {
    const all = entries();
    expect(all.length).toBeGreaterThan(0);
    for (const [i, file] of all.entries()) {
      const text = readFileSync(file, 'utf8');
      // Alternately a damaged value and an entry of another cache format.
      writeFileSync(file, i % 2 === 0 ? text.replace('exp_alerts: []', 'exp_alerts: [{}]') : text.replace('lookout-cache/1', 'lookout-cache/0'));
    }
    rmSync(runRecord());
    // TypeScript's record of what it checked, too.
    const tsbuildinfo = path.join(cacheDir, 'tsbuildinfo');
    for (const f of readdirSync(tsbuildinfo)) writeFileSync(path.join(tsbuildinfo, f), '{ "version": "6.0.3", "fileNames": [');
    const result = await cachedGenerate();
    expect(result.synthesis).toEqual({ alerts: 2, cached: 0 });
    expect(result.cacheNotes.length).toBe(2);
    for (const note of result.cacheNotes) expect(note).toMatch(/ignored the cache entry .*(checksum|format)/);
    await sameAsWithoutCache();
  });

  it('writes the test file of alerts whose tests come from the cache with the rule files it loads now', async () => {
    // A renamed definition file: the same alerts, so the same tests, but the test file loads
    // another rule file and names another source.
    const file = 'generated/prometheus/tests/shop.test.yml';
    const text = read('rules/shop.ts');
    rmSync(path.join(dir, 'rules/shop.ts'));
    write('rules/store.ts', text);
    const result = await cachedGenerate();
    expect(result.synthesis).toEqual({ alerts: 2, cached: 2 });
    expect(read(file)).toContain('../rules/store.rules.yml');
    expect(read(file)).not.toContain('../rules/shop.rules.yml');
    await sameAsWithoutCache();
    rmSync(path.join(dir, 'rules/store.ts'));
    write('rules/shop.ts', text);
    await cachedGenerate();
    expect(read(file)).toContain('../rules/shop.rules.yml');
    await sameAsWithoutCache();
  });

  it('lets two generates run at once', async () => {
    write('lib/limits.ts', 'export const QUEUE_LIMIT = 300;\n');
    const [a, b] = await Promise.all([generate({ root: dir }), generate({ root: dir })]);
    expect([a.status, b.status]).toEqual(['ok', 'ok']);
    expect(a.artifacts).toEqual(b.artifacts);
    expect(readdirSync(dir).filter((f) => f.startsWith('.lookout-'))).toEqual([]);
    expect(read('generated/prometheus/rules/shop.rules.yml')).toContain('shop_queue_depth > 300');
    await sameAsWithoutCache();
    expect((await cachedGenerate()).upToDate).toBe(true);
  });
});
