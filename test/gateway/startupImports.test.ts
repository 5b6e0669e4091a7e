import { execa } from 'execa';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TIMEOUT } from '../support/timeouts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GATEWAY = path.join(ROOT, 'src/integrations/gateway');

/** The packages a gateway must not load: the dashboards' SDK and the PromQL parser. */
const HEAVY = ['@grafana/grafana-foundation-sdk', '@prometheus-io/lezer-promql'];

/**
 * A resolve hook that appends every URL the process resolves to the file named by
 * RESOLVED_LOG. It runs on the hooks thread and writes synchronously, so nothing is lost when
 * the process exits.
 */
const LOG_RESOLVED = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.RESOLVED_LOG, resolved.url + '\\\\n');
  return resolved;
}\`));
`)}`;

/** Every module of the gateway but the entries, which start servers when imported (main.ts). */
function gatewayModules(): string[] {
  return readdirSync(GATEWAY, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && path.basename(f) !== 'main.ts')
    .map((f) => path.join(GATEWAY, f))
    .sort();
}

/**
 * The gateway imports the library only through its runtime entry (the catalog and the
 * prom-client binding): the whole library would load the Grafana SDK and the PromQL parser at
 * every start, most of the gateway's start-up time, for nothing it uses.
 */
describe("the gateway's start-up", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'lookout-gateway-imports-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('loads neither the Grafana SDK nor the PromQL parser', async () => {
    const modules = gatewayModules();
    expect(modules.map((m) => path.relative(GATEWAY, m))).toEqual(expect.arrayContaining(['gateway.ts', 'metrics.ts', 'mock/server.ts', 'ledger/server.ts']));
    const log = path.join(work, 'resolved.txt');
    const script = `for (const m of ${JSON.stringify(modules.map((m) => pathToFileURL(m).href))}) await import(m);`;
    const run = await execa('node', ['--import', 'tsx', '--import', LOG_RESOLVED, '--input-type=module', '-e', script], { cwd: ROOT, env: { RESOLVED_LOG: log }, reject: false });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const resolved = readFileSync(log, 'utf8').split('\n');
    // The hook saw the imports: the gateway's own modules and prom-client are in the log.
    expect(resolved.some((u) => u.endsWith('/src/integrations/gateway/gateway.ts'))).toBe(true);
    expect(resolved.some((u) => u.includes('/node_modules/prom-client/'))).toBe(true);
    expect(HEAVY.filter((pkg) => resolved.some((u) => u.includes(`/node_modules/${pkg}/`)))).toEqual([]);
  }, TIMEOUT.test);
});
