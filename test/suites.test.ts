import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { CORPUS, LIVE, LIVE_WITHOUT_SERVERS, SMOKE } from './support/suites.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** What starts a real server, a load scenario or a browser, as a test or its helpers name it. */
const LIVE_MARKERS = [
  'startPrometheus',
  'startAlertmanager',
  'startStack',
  'spawnGateway',
  'startBackends',
  'startMockProvider',
  'startLedger',
  'Gateway.start',
  'runScenario',
  "'playwright-core'",
  'launchChromium',
  'src/integrations/loadtest/main.ts',
  // `lookout preview --synthetic` starts a Prometheus of its own.
  "'--synthetic'",
];

/** A test file and every module under test/ it imports, directly or through another. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts'));
    if (target.startsWith(path.join(ROOT, 'test')) && existsSync(target)) closure(target, seen);
  }
  return seen;
}

describe('the split between npm test and npm run test:live', () => {
  // This file names the markers; it starts nothing.
  const files = globSync('test/**/*.test.ts', { cwd: ROOT }).filter((f) => f !== 'test/suites.test.ts').sort();
  const live = new Set<string>([...LIVE, ...SMOKE]);

  it('lists only test files that exist, each once', () => {
    for (const f of [...live, ...CORPUS]) expect(files, f).toContain(f);
    expect(live.size).toBe(LIVE.length + SMOKE.length);
    expect(CORPUS.filter((f) => live.has(f))).toEqual([]);
  });

  it('runs every test that starts a server, a load scenario or a browser live, and no other', () => {
    const starts = (f: string) => [...closure(path.join(ROOT, f))].some((m) => LIVE_MARKERS.some((marker) => readFileSync(m, 'utf8').includes(marker)));
    expect(files.filter((f) => starts(f) && !live.has(f)), 'unit tests that start a server: add them to LIVE in test/support/suites.ts').toEqual([]);
    expect([...live].filter((f) => !starts(f)), 'live tests that start nothing live').toEqual([...LIVE_WITHOUT_SERVERS]);
  });
});
