import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpec, type ImportResult } from '../../src/engine/compiler/import/importSpec.js';
import { lookout } from '../cli/lookout.js';
import { removeProject } from '../compiler/project.js';
import { expectPromtoolPasses, fixture, importAndGenerate, importProject, type ImportRun } from './project.js';

/** One kind per file, as oslo's examples keep them: the SLOs, their SLI, DataSource and alert policy. */
const ACROSS = fixture('openslo/across');
const FILES = ['slo.yaml', 'slis.yaml', 'datasources.yaml', 'policies.yaml'].map((f) => path.join(ACROSS, f));
const shown = (file: string) => path.relative(process.cwd(), file);
const lines = (r: ImportResult) => r.diagnostics.map((d) => `${d.severity} ${path.basename(d.file ?? '')}:${d.line} ${d.path}: ${d.message}`);
/** The module below its header, which lists the files in the order they were read. */
const body = (module: string) => module.slice(module.indexOf('\nimport '));

describe('lookout import openslo, on an SLO whose SLI, DataSource and alert policy are in other files', () => {
  let run: ImportRun;
  beforeAll(async () => {
    run = await importAndGenerate({ format: 'openslo', input: FILES, out: 'slo/across.ts' });
  });
  afterAll(() => removeProject(run.dir));

  it('resolves indicatorRef, metricSourceRef and alertPolicyRef in the other files', () => {
    expect(run.imported.status).toBe('ok');
    expect(run.imported.slos).toEqual(['shop/cart-availability', 'shop/checkout-latency']);
    expect(run.module).toMatch(/errors: shop\.metrics\.requests\.where\(\{ route: 'cart', code: re\('5\.\.'\) \}\),/);
    expect(run.module).toMatch(/name: 'checkout-latency',[^]*sli: latency\(\{ histogram: shop\.metrics\.duration, threshold: 1/);
  });

  it("writes the tiers of the other file's burn-rate conditions", () => {
    // 14.4 × 1h / 30d = 2% and 1 × 3d / 30d = 10%.
    const tiers = [...run.module.matchAll(/\{ budgetPercent: (\d+), longWindow: '(\w+)', shortWindow: '(\w+)', for: '(\w+)', severity: '(\w+)' \}/g)].map((m) => m.slice(1).join(' '));
    expect(tiers).toEqual(['2 1h 5m 2m page', '10 3d 6h 1h ticket']);
  });

  it('names every file in the header, and above each SLO the file it came from and that of its SLI', () => {
    expect(run.module.split('\n').slice(0, 6)).toEqual([
      '// SLOs imported by `lookout import openslo` from',
      '//   slo.yaml',
      '//   slis.yaml',
      '//   datasources.yaml',
      '//   policies.yaml',
      '// From now on this file is the definition: edit it here, not in those files.',
    ]);
    // The SLI named by reference is in another file: the comment says which, above its queries.
    expect(run.module).toContain('// Imported from slo.yaml, SLO/cart-availability, its queries from slis.yaml, SLI/cart-server-errors:\n//   bad: sum(rate(');
    expect(run.module).toContain('// Imported from slo.yaml, SLO/checkout-latency:');
  });

  it("reports a warning with the name of the file it is about, at that file's own line", () => {
    expect(run.imported.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.path}`)).toEqual([
      `${shown(FILES[2]!)}:8:3 DataSource/shop-prometheus.spec.connectionDetails`,
    ]);
  });

  it('generates, and the rules pass promtool check and test', async () => {
    expect(run.generated.status).toBe('ok');
    const { tests } = await expectPromtoolPasses(run.dir);
    expect(tests).toContain('generated/prometheus/tests/slo-shop-cart-availability-long.test.yml');
  });

  it('reads a folder as its YAML files in name order, and names the module after the folder', async () => {
    const folder = await importAndGenerate({ format: 'openslo', input: ACROSS });
    try {
      expect(folder.imported.status).toBe('ok');
      expect(path.relative(folder.dir, folder.imported.outFile)).toBe(path.join('slo', 'across.ts'));
      expect(folder.module.split('\n').slice(1, 5)).toEqual(['//   datasources.yaml', '//   policies.yaml', '//   slis.yaml', '//   slo.yaml']);
      expect(body(folder.module)).toBe(body(run.module));
      expect(folder.generated.status).toBe('ok');
      await expectPromtoolPasses(folder.dir);
    } finally {
      removeProject(folder.dir);
    }
  });
});

describe('lookout import openslo, on several files with a problem in one of them', () => {
  let dir: string;
  /** Copies of the fixture files in the project, the SLI file edited by `edit`. */
  const copies = (edit: (text: string) => string = (t) => t) =>
    FILES.map((f) => {
      const copy = path.join(dir, 'specs', path.basename(f));
      const text = readFileSync(f, 'utf8');
      writeFileSync(copy, path.basename(f) === 'slis.yaml' ? edit(text) : text);
      return copy;
    });
  beforeAll(() => {
    dir = importProject({ 'specs/.keep': '', 'empty/.keep': '' });
  });
  afterAll(() => removeProject(dir));

  it("reports a broken field of the second file with that file's name and its own line, and writes nothing", async () => {
    const files = copies((t) => t.replace('counter: true', 'counter: sometimes'));
    const out = path.join(dir, 'slo/broken.ts');
    const r = await importSpec({ format: 'openslo', input: files, root: dir, out });
    expect(r.status).toBe('errors');
    const broken = r.diagnostics.filter((d) => d.severity === 'error');
    expect(broken).toEqual([expect.objectContaining({ file: shown(files[1]!), line: 10, column: 5, path: 'SLI/cart-server-errors.spec.ratioMetric.counter' })]);
    expect(existsSync(out)).toBe(false);
  });

  it('says no file read defines an indicatorRef, at the SLO that names it', async () => {
    const [slo, , datasources, policies] = copies();
    const out = path.join(dir, 'slo/unresolved.ts');
    const r = await importSpec({ format: 'openslo', input: [slo!, datasources!, policies!], root: dir, out });
    expect(r.status).toBe('errors');
    expect(lines(r).filter((l) => l.startsWith('error'))).toEqual(['error slo.yaml:12 SLO/cart-availability.spec.indicatorRef: no SLI named "cart-server-errors" in the files read']);
    expect(r.diagnostics.find((d) => d.severity === 'error')?.hint).toBe('lookout reads the SLI objects of every file it is given: give the file that defines it too');
    expect(existsSync(out)).toBe(false);
  });

  it('reports an object defined in two files at the second one, and YAML errors in the file they are in', async () => {
    const files = copies();
    const twice = path.join(dir, 'specs/more-slis.yaml');
    writeFileSync(twice, readFileSync(files[1]!, 'utf8'));
    const bad = path.join(dir, 'specs/bad.yaml');
    writeFileSync(bad, 'apiVersion: openslo/v1\nkind: [SLI\n');
    const dup = await importSpec({ format: 'openslo', input: [...files, twice], root: dir, out: path.join(dir, 'slo/dup.ts') });
    expect(lines(dup).filter((l) => l.startsWith('error'))).toEqual(['error more-slis.yaml:6 SLI/cart-server-errors.metadata.name: a second SLI named "cart-server-errors"']);
    const yaml = await importSpec({ format: 'openslo', input: [...files, bad], root: dir, out: path.join(dir, 'slo/yaml.ts') });
    expect(yaml.diagnostics.map((d) => `${d.file}:${d.line} ${d.path}`)).toEqual([`${shown(bad)}:3 documents[0]`]);
  });

  it('says which input cannot be read, and a folder without YAML files', async () => {
    const r = await importSpec({ format: 'openslo', input: [FILES[0]!, path.join(dir, 'specs/missing.yaml'), path.join(dir, 'empty')], root: dir, out: path.join(dir, 'rules/x.ts') });
    expect(r.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      `${shown(path.join(dir, 'empty'))}: no .yaml or .yml file in this folder`,
      `${shown(path.join(dir, 'specs/missing.yaml'))}: cannot read the input: no such file`,
    ]);
  });
});

describe('lookout import openslo FILE FILE..., from the command line', () => {
  it('takes several files after the format', async () => {
    const dir = importProject();
    try {
      const r = await lookout(['import', 'openslo', ...FILES, '--project', dir, '--out', 'slo/cli.ts']);
      expect(r.stderr).not.toMatch(/error import/);
      expect(r.stdout).toContain('2 SLOs (shop/cart-availability, shop/checkout-latency)');
      expect(r.exitCode).toBe(0);
    } finally {
      removeProject(dir);
    }
  });
});
