import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { makeProject, removeProject, snapshot } from '../compiler/project.js';
import { importCommand } from '../../src/cli/import.js';
import { inProcess } from '../cli/lookout.js';
import { TIMEOUT } from '../support/timeouts.js';
import { expectPromtoolPasses, fixture, importProject } from './project.js';

const errorsOf = (diagnostics: readonly { severity: string; code: string; message: string }[]) => diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
/** Everything the import said but the one warning every Sloth import gives (sloth_* labels; see sloth-labels.test.ts). */
const besidesSlothLabels = <D extends { message: string }>(diagnostics: readonly D[]): D[] => diagnostics.filter((d) => !d.message.startsWith("Sloth's labels are not on lookout's output"));
const untested = (diagnostics: readonly { code: string }[]) => diagnostics.filter((d) => d.code === 'test/slo-untested' || d.code === 'test/not-generated');

describe('import over metrics no catalog declares', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    dir = undefined;
  });

  it('with --write-catalog: declares them, lists the catalog in the config, types every SLI, and generate → promtool passes with no edit', { timeout: TIMEOUT.validate }, async () => {
    dir = importProject();
    const imported = await importSpec({ format: 'sloth', input: fixture('hints/checkout.sloth.yml'), root: dir, writeCatalog: true });
    expect(imported.status).toBe('ok');
    expect(besidesSlothLabels(imported.diagnostics)).toEqual([]);
    expect(imported.catalog).toEqual({ file: path.join(dir, 'checkout-sloth.metrics.ts'), exports: ['checkout', 'envoy'] });

    const module = readFileSync(imported.outFile, 'utf8');
    expect(module).not.toContain('rawSLI(');
    expect(module).toContain("errors: checkout.metrics.checkoutHttpRequests.where({ job: 'checkout', code: re('(5..|429)') }),");
    expect(module).toContain("sli: latency({ histogram: checkout.metrics.checkoutHttpRequestDurationSeconds, threshold: 0.3, where: { job: 'checkout' } }),");
    expect(module).toContain("errors: envoy.metrics.envoyClusterUpstreamRqXx.where({ job: 'envoy', envoy_cluster_name: 'checkout', envoy_response_code_class: '5' }),");

    const catalog = readFileSync(imported.catalog!.file, 'utf8');
    expect(catalog).toContain("job: 'checkout',");
    expect(catalog).toContain("job: 'envoy',");
    // The 300ms threshold is a bucket; codes include 5xx, 429 and codes that are neither.
    expect(catalog).toContain('buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5, 5, 10]');
    expect(catalog).toContain("code: ['200', '201', '204', '301', '302', '304', '400', '401', '403', '404', '409', '429', '500', '502', '503', '504']");
    // Envoy's counter keeps its name, with the reason on record.
    expect(catalog).toMatch(/name: 'envoy_cluster_upstream_rq_xx'.*exporterName: \{ reason: 'named without _total by its exporter; checkout.sloth.yml rates it as a counter' \}/);

    const config = readFileSync(path.join(dir, 'lookout.config.ts'), 'utf8');
    expect(config).toContain("import { checkout, envoy } from './checkout-sloth.metrics.js';\n");
    expect(config).toContain('catalogs: [shop, myservice, checkout, envoy],');

    const generated = await generate({ root: dir });
    expect(errorsOf(generated.diagnostics)).toEqual([]);
    expect(generated.status).toBe('ok');
    expect(untested(generated.diagnostics)).toEqual([]);
    const { tests } = await expectPromtoolPasses(dir);
    expect(tests).toHaveLength(6);
  });

  it("imports the shapes of Sloth's getting-started example into a project with no catalog for them, typed, tested and passing promtool", { timeout: TIMEOUT.validate }, async () => {
    dir = makeProject({});
    const imported = await importSpec({ format: 'sloth', input: fixture('hints/getting-started.sloth.yml'), root: dir, writeCatalog: true });
    expect(imported.status).toBe('ok');
    expect(imported.diagnostics.filter((d) => d.code === 'import/raw-sli')).toEqual([]);
    // Its _count and _bucket series are one histogram, with the 250ms threshold among the buckets.
    const catalog = readFileSync(imported.catalog!.file, 'utf8');
    expect(catalog).toContain("httpRequestDurationSeconds: histogram({ name: 'http_request_duration_seconds',");
    expect(catalog).toContain("handler: ['/api', '/health']");
    const module = readFileSync(imported.outFile, 'utf8');
    expect(module).toContain("errors: myservice.metrics.httpRequestDurationSeconds.count.where({ job: 'myservice', code: re('(5..|429)') }),");
    expect(module).toContain("sli: latency({ histogram: myservice.metrics.httpRequestDurationSeconds, threshold: 0.25, where: { job: 'myservice', handler: '/api' } }),");

    const generated = await generate({ root: dir });
    expect(errorsOf(generated.diagnostics)).toEqual([]);
    expect(untested(generated.diagnostics)).toEqual([]);
    const { tests } = await expectPromtoolPasses(dir);
    // Availability pages and tickets (two groups), latency only pages; health checks do not alert.
    expect(tests).toHaveLength(3);
  });

  it('without it: the hint names the job, and its declaration pasted as-is passes the catalog checks and types the SLI', { timeout: TIMEOUT.validate }, async () => {
    dir = importProject();
    const first = await importSpec({ format: 'sloth', input: fixture('hints/no-job.sloth.yml'), root: dir });
    expect(first.status).toBe('ok');
    const said = besidesSlothLabels(first.diagnostics);
    expect(said.map((d) => d.code)).toEqual(['import/raw-sli', 'import/raw-sli']);
    const hint = said[0]!.hint!;
    expect(hint).toContain('--write-catalog');
    const declaration = /`(export const [^`]+)`/.exec(hint)![1]!;
    expect(declaration).toContain("defineMetrics({ job: 'billing',");
    const imports = /with (import \{[^}]+\} from 'lookout')/.exec(hint)![1]!;

    writeFileSync(path.join(dir, 'billing.metrics.ts'), `${imports};\n\n${declaration}\n`);
    const configFile = path.join(dir, 'lookout.config.ts');
    const config = readFileSync(configFile, 'utf8');
    writeFileSync(configFile, config.replace("import { defineProject } from 'lookout';", "import { defineProject } from 'lookout';\nimport { billing } from './billing.metrics.js';").replace('catalogs: [shop, myservice]', 'catalogs: [shop, myservice, billing]'));

    const again = await importSpec({ format: 'sloth', input: fixture('hints/no-job.sloth.yml'), root: dir, force: true });
    expect(besidesSlothLabels(again.diagnostics)).toEqual([]);
    expect(readFileSync(again.outFile, 'utf8')).toContain("errors: billing.metrics.billingRequests.where({ route: 'invoices', code: re('5..') }),");
    const generated = await generate({ root: dir });
    expect(errorsOf(generated.diagnostics)).toEqual([]);
    expect(untested(generated.diagnostics)).toEqual([]);
    await expectPromtoolPasses(dir);
  });

  it('declares one metric several jobs expose once, for all of them, and each SLO is tested on its own job', { timeout: TIMEOUT.validate }, async () => {
    dir = importProject();
    const imported = await importSpec({ format: 'sloth', input: fixture('hints/two-jobs.sloth.yml'), root: dir, writeCatalog: true });
    expect(besidesSlothLabels(imported.diagnostics)).toEqual([]);
    const catalog = readFileSync(imported.catalog!.file, 'utf8');
    expect(catalog).toContain("export const orders = defineMetrics({\n  jobs: ['orders-api', 'orders-worker'],");
    const module = readFileSync(imported.outFile, 'utf8');
    expect(module).toContain("errors: orders.metrics.httpRequests.where({ job: 'orders-worker', code: re('5..') }),");

    const generated = await generate({ root: dir });
    expect(errorsOf(generated.diagnostics)).toEqual([]);
    expect(untested(generated.diagnostics)).toEqual([]);
    const workerTests = readFileSync(path.join(dir, 'generated/prometheus/tests/slo-orders-worker-availability.test.yml'), 'utf8');
    expect(workerTests).toContain('job="orders-worker"');
    expect(workerTests).not.toContain('job="orders-api"');
    await expectPromtoolPasses(dir);
  });

  it('lookout import --write-catalog FILE writes the catalog there, relative to the project, and says so', async () => {
    dir = importProject();
    const root = dir;
    const r = await inProcess(() => importCommand({ format: 'sloth', file: fixture('hints/no-job.sloth.yml'), project: root, writeCatalog: 'metrics/billing.ts' }));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`wrote ${path.relative(process.cwd(), path.join(root, 'metrics/billing.ts'))}: catalog billing, now listed in lookout.config.ts.`);
    expect(readFileSync(path.join(root, 'lookout.config.ts'), 'utf8')).toContain("import { billing } from './metrics/billing.js';");
    expect(readFileSync(path.join(root, 'slo/no-job-sloth.ts'), 'utf8')).toContain("import { billing } from '../metrics/billing.js';");
  });

  it('refuses, writing nothing, when the config does not list its catalogs as an array literal', async () => {
    dir = importProject({
      'lookout.config.ts': `import { defineProject } from 'lookout';
import { shop } from './metrics.js';

const catalogs = [shop];
export default defineProject({ name: 'shop', catalogs, scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d' });
`,
    });
    const before = snapshot(dir);
    const imported = await importSpec({ format: 'sloth', input: fixture('hints/no-job.sloth.yml'), root: dir, writeCatalog: true });
    expect(imported.status).toBe('errors');
    expect(imported.diagnostics.map((d) => d.message)).toContain(
      'cannot list the new catalog in the config: its defineProject({ catalogs: [...] }) is not written as an array literal lookout can add to; nothing was written',
    );
    expect(snapshot(dir)).toEqual(before);
  });
});
