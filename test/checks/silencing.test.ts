import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCommand } from '../../src/cli/generate.js';
import { lintCommand } from '../../src/cli/lint.js';
import { generate, type GenerateResult } from '../../src/engine/compiler/generate.js';
import { makeProject, removeProject, snapshot } from '../compiler/project.js';
import { inProcess, type CommandRun } from '../cli/lookout.js';
import { generateIn } from '../isolation/project.js';
import { TIMEOUT } from '../support/timeouts.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** Two alerts whose summaries break alert/summary (lower case, no period); `ignores` go into the first, `project` into defineProject. */
function shopFiles(ignores: { first?: string; group?: string; project?: string } = {}): Record<string, string> {
  const config = readFileSync(path.join(FIXTURES, 'mini/lookout.config.ts'), 'utf8');
  return {
    'lookout.config.ts': ignores.project ? config.replace("retention: '35d' }", `retention: '35d', ignore: ${ignores.project} }`) : config,
    'rules/shop.ts': `import { alert, ruleGroup } from 'lookout'; import { max } from 'lookout/promql';
import { shop } from '../metrics.js';

export default ruleGroup({
  name: 'shop',${ignores.group ? `\n  ignore: ${ignores.group},` : ''}
  rules: [
    alert({
      name: 'ShopQueueDeep',
      expr: max(shop.metrics.queue).gt(100),
      for: '5m',
      severity: 'ticket',
      summary: 'orders are waiting',
      description: ({ value }) => \`\${value.humanize()} orders wait.\`,${ignores.first ? `\n      ignore: ${ignores.first},` : ''}
    }),
    alert({
      name: 'ShopQueueHuge',
      expr: max(shop.metrics.queue).gt(1000),
      for: '5m',
      severity: 'page',
      summary: 'orders are piling up',
      description: ({ value }) => \`\${value.humanize()} orders wait.\`,
    }),
  ],
});
`,
  };
}

const codes = (r: GenerateResult, code: string) => r.diagnostics.filter((d) => d.code === code);

describe('ignore, per definition and per project', () => {
  const dirs: string[] = [];
  const project = (files: Record<string, string>) => {
    const dir = makeProject(files);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach(removeProject));

  it('silences a check for the alert that ignores it, with its reason, and not for the alert next to it', async () => {
    const r = await generate({ root: project(shopFiles({ first: "{ 'alert/summary': 'the pager prefixes our summaries' }" })), check: false, cache: false });
    expect(r.status).toBe('ok');
    expect(codes(r, 'alert/summary').map((d) => d.path)).toEqual(['ShopQueueHuge.summary', 'ShopQueueHuge.summary']);
    expect(r.silenced!.map((s) => [s.diagnostic.code, s.diagnostic.path, s.diagnostic.file, s.owner, s.reason])).toEqual([
      ['alert/summary', 'ShopQueueDeep.summary', 'rules/shop.ts', 'alert "ShopQueueDeep"', 'the pager prefixes our summaries'],
      ['alert/summary', 'ShopQueueDeep.summary', 'rules/shop.ts', 'alert "ShopQueueDeep"', 'the pager prefixes our summaries'],
    ]);
    expect(codes(r, 'ignore/unused')).toEqual([]);
  }, TIMEOUT.generate);

  it('silences a check for every rule of a group, and in the whole project', async () => {
    const group = await generate({ root: project(shopFiles({ group: "{ 'alert/summary': 'house style' }" })), check: false, cache: false });
    expect(codes(group, 'alert/summary')).toEqual([]);
    expect(new Set(group.silenced!.map((s) => s.diagnostic.path))).toEqual(new Set(['ShopQueueDeep.summary', 'ShopQueueHuge.summary']));
    const whole = await generate({ root: project(shopFiles({ project: "{ 'alert/summary': 'house style' }" })), check: false, cache: false });
    expect(codes(whole, 'alert/summary')).toEqual([]);
    expect(whole.silenced!.map((s) => s.owner)).toEqual(['the project', 'the project', 'the project', 'the project']);
  }, TIMEOUT.generate);

  it('warns about an entry that silenced nothing, at the ignore field that holds it', async () => {
    const r = await generate({ root: project(shopFiles({ first: "{ 'alert/summary': 'house style', 'alert/for': 'left over from an old for: 0s' }" })), check: false, cache: false });
    expect(r.status).toBe('ok');
    expect(codes(r, 'ignore/unused').map(({ severity, file, line, path: p, message }) => ({ severity, file, line, path: p, message }))).toEqual([
      { severity: 'warning', file: 'rules/shop.ts', line: 14, path: 'ShopQueueDeep.ignore', message: 'alert "ShopQueueDeep" ignores "alert/for", but no such problem was found' },
    ]);
  }, TIMEOUT.generate);

  it('refuses, at the ignore field, an unknown code with a did-you-mean, an empty reason, and a check whose output the tools would refuse', async () => {
    const dir = project(shopFiles({ first: "{ 'alert/sumary': 'typo', 'alert/links': '  ', 'promql/syntax': 'we know' }" }));
    const r = await generate({ root: dir, check: false, cache: false });
    expect(r.status).toBe('errors');
    const seen = r.diagnostics.filter((d) => d.code.startsWith('ignore/')).map(({ code, severity, file, line, message, hint }) => ({ code, severity, file, line, message, hint }));
    expect(seen).toEqual([
      { code: 'ignore/not-silenceable', severity: 'error', file: 'rules/shop.ts', line: 14, message: 'alert "ShopQueueDeep" ignores "promql/syntax", which cannot be silenced: Prometheus refuses output with this problem', hint: 'fix the problem instead' },
      { code: 'ignore/reason', severity: 'error', file: 'rules/shop.ts', line: 14, message: 'alert "ShopQueueDeep" ignores "alert/links" without a reason', hint: "write why the check does not apply here: { 'alert/links': '...' }" },
      { code: 'ignore/unknown-code', severity: 'error', file: 'rules/shop.ts', line: 14, message: 'alert "ShopQueueDeep" ignores "alert/sumary", which is not a code lookout reports', hint: 'did you mean "alert/summary"?' },
    ]);
  }, TIMEOUT.generate);

  it('prints a one-line count on generate, and writes the same files as without the ignore entries', async () => {
    const quiet = project(shopFiles({ project: "{ 'alert/summary': 'house style' }" }));
    const loud = project(shopFiles());
    const run = await generateIn(quiet);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('4 findings silenced by ignore entries (`lookout lint` lists them)');
    expect(run.stderr).not.toContain('alert/summary');
    await generateIn(loud);
    const files = (dir: string) => Object.fromEntries(Object.entries(snapshot(path.join(dir, 'generated'))).map(([f, v]) => [f, v.slice(v.indexOf(' ') + 1)]));
    expect(files(quiet)).toEqual(files(loud));
  }, TIMEOUT.generate);

  it('prints the count again when nothing changed and the last run is reused', async () => {
    const dir = project(shopFiles({ project: "{ 'alert/summary': 'house style' }" }));
    const cache = mkdtempSync(path.join(os.tmpdir(), 'lookout-silencing-cache-'));
    vi.stubEnv('LOOKOUT_CACHE_DIR', cache);
    try {
      const first = await inProcess(() => generateCommand({ project: dir }));
      const second = await inProcess(() => generateCommand({ project: dir }));
      expect(first.stderr).toContain('4 findings silenced by ignore entries');
      expect(second.stdout).toMatch(/already up to date \(\d+ files; nothing changed since the last generate\)/);
      expect(second.stderr).toContain('4 findings silenced by ignore entries');
    } finally {
      vi.unstubAllEnvs();
      rmSync(cache, { recursive: true, force: true });
    }
  }, TIMEOUT.generate);
});

/** Every file of the lint fixture, read from disk, for a copy with some replaced. */
function lintShop(): Record<string, string> {
  const base = path.join(FIXTURES, 'lint/shop');
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else out[path.relative(base, f)] = readFileSync(f, 'utf8');
    }
  };
  walk(base);
  return out;
}

describe('lookout lint and ignore', () => {
  let dir: string;
  let run: CommandRun;
  beforeAll(async () => {
    const files = lintShop();
    files['rules/shop.ts'] = files['rules/shop.ts']!.replace("summary: 'Orders are piling up.',", "summary: 'orders are piling up.',\n      ignore: { 'alert/summary': 'the pager lower-cases summaries' },");
    dir = makeProject(files);
    run = await inProcess(() => lintCommand({ project: dir }));
  }, TIMEOUT.generate);
  afterAll(() => removeProject(dir));

  it('lists each silenced finding with its code, where it is and the reason', () => {
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split('\n');
    const at = lines.indexOf('silenced by ignore (1):');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      expect.stringMatching(/^ {2}rules\/shop\.ts:\d+: alert\/summary: ShopQueueBacklog\.summary: the summary does not start with a capital letter$/),
      '    ignored by alert "ShopQueueBacklog": the pager lower-cases summaries',
    ]);
  });
});
