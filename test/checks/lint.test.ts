import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/compiler/lintProject.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import { checkCases } from '../support/checkCases.js';

/**
 * One table per lint/ code, over two services: test/fixtures/checks/lint/sound, on which
 * `lookout lint` finds nothing, and broken, the same service with one mistake per code. Each
 * lint builds a TypeScript program (about two seconds), so each service is linted once.
 */

type Service = 'sound' | 'broken';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/checks/lint');
const runs = new Map<Service, Promise<Diagnostic[]>>();

/** What `lookout lint` reports for the service (linted once per file run). */
function run(service: Service): Promise<Diagnostic[]> {
  let found = runs.get(service);
  if (!found) runs.set(service, (found = lint({ root: path.join(FIXTURES, service) }).then((r) => r.diagnostics)));
  return found;
}

const SOUND = [{ name: 'the sound service', input: 'sound' as const }];

checkCases('lint/prom-client-import', {
  run,
  pass: SOUND,
  fail: [{ name: 'a source importing prom-client', input: 'broken', expect: { file: 'src/server.ts', line: 2, message: 'imports "prom-client": service code records metrics only through instrument(catalog)' } }],
});

checkCases('lint/metric-outside-catalog', {
  run,
  pass: SOUND,
  fail: [{ name: 'a prom-client counter made in a source', input: 'broken', expect: { file: 'src/server.ts', line: 21, message: 'new Counter(...) creates a prom-client metric outside the catalog' } }],
});

checkCases('lint/metric-never-emitted', {
  run,
  pass: SOUND,
  fail: [{ name: 'refunds never recorded', input: 'broken', expect: { file: 'metrics.ts', line: 7, path: 'refunds', message: '"orders_refunds_total" is never recorded' } }],
});

checkCases('lint/read-but-never-emitted', {
  run,
  pass: SOUND,
  fail: [{ name: 'an alert reading refunds, which nobody records', input: 'broken', expect: { file: 'rules/orders.ts', message: 'orders_refunds_total' } }],
});

checkCases('lint/service-config', {
  run,
  pass: SOUND,
  fail: [{ name: 'a source pattern matching no file', input: 'broken', expect: { file: 'lookout.config.ts', message: 'libs/**/*.ts' } }],
});

checkCases('lint/untraced-recording', {
  run,
  pass: SOUND,
  fail: [{ name: 'the stock gauge recorded through an untyped callback parameter', input: 'broken', expect: { severity: 'warning', file: 'src/server.ts', line: 17 } }],
});

describe('the sound service', () => {
  it('lints clean, so each broken case differs from it by its mistake alone', async () => {
    expect(await run('sound')).toEqual([]);
  });
});
