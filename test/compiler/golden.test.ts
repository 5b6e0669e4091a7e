import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';
import { writeArtifacts, type ArtifactSet, type Drift } from '../../src/engine/compiler/write.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/library/diagnostics/format.js';
import { TIMEOUT } from '../support/timeouts.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const GOLDEN = path.join(FIXTURES, 'golden');

/**
 * Every golden project: one small project per feature under test/fixtures/golden/, each showing
 * its feature used well (so not even a warning), and the shop of test/fixtures/mini, which many
 * other tests read where it is, warnings included.
 */
const CASES: { name: string; root: string; clean: boolean }[] = [
  { name: 'mini', root: path.join(FIXTURES, 'mini'), clean: false },
  ...readdirSync(GOLDEN, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(GOLDEN, e.name, 'lookout.config.ts')))
    .map((e) => ({ name: e.name, root: path.join(GOLDEN, e.name), clean: true }))
    .sort((a, b) => a.name.localeCompare(b.name)),
];

const printed = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => formatDiagnostic(d)).join('\n');

/** Set to rewrite each case's generated/ from its definitions, on purpose, before comparing. */
const UPDATE = process.env.LOOKOUT_GOLDEN_UPDATE === '1';

/**
 * The first difference generate --check found between a case's generated/ and what lookout
 * generates, for a reader: a file only one side has, or the first line where a file differs,
 * with both versions of that line.
 */
function firstDifference(expectedDir: string, drift: Drift, artifacts: ArtifactSet): string | undefined {
  if (drift.extra[0]) return `${drift.extra[0]}: expected, but not generated`;
  if (drift.missing[0]) return `${drift.missing[0]}: generated, but not expected`;
  const file = drift.changed[0];
  if (!file) return undefined;
  const wantLines = readFileSync(path.join(expectedDir, file), 'utf8').split('\n');
  const gotLines = artifacts.get(file)!.split('\n');
  const i = wantLines.findIndex((line, n) => line !== gotLines[n]);
  const at = i === -1 ? wantLines.length : i;
  return `${file}:${at + 1}\n  expected: ${JSON.stringify(wantLines[at] ?? '<end of file>')}\n  actual:   ${JSON.stringify(gotLines[at] ?? '<end of file>')}`;
}

describe('golden projects: what lookout generates for each, byte for byte', () => {
  let scratch: string;
  let failed = false;
  // Made in a hook, not while collecting: a run whose filter skips every case makes nothing.
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'lookout-golden-'));
  });
  afterAll(() => {
    // A failed case's output stays for `diff -r`; the message names its folder.
    if (!failed) rmSync(scratch, { recursive: true, force: true });
  });

  for (const { name, root, clean } of CASES) {
    it(name, async () => {
      if (UPDATE) {
        const written = await generate({ root, cache: false });
        expect(written.status, printed(written.diagnostics)).toBe('ok');
      }
      // Check mode compares with the committed generated/ and leaves it alone.
      const result = await generate({ root, check: true, cache: false });
      expect(result.artifacts, printed(result.diagnostics)).toBeDefined();
      if (clean) expect(printed(result.diagnostics)).toBe('');
      const out = path.join(scratch, name);
      const difference = result.drift && firstDifference(path.join(root, 'generated'), result.drift, result.artifacts!);
      if (difference) {
        failed = true;
        await writeArtifacts(out, result.artifacts!);
      }
      expect(
        difference,
        `${path.relative(process.cwd(), root)}/generated differs from what lookout generates (in ${out}).\n` +
          'If the change is intended, refresh it with `LOOKOUT_GOLDEN_UPDATE=1 npx vitest run --project unit test/compiler/golden.test.ts` and review the diff',
      ).toBeUndefined();
    }, TIMEOUT.generate);
  }
});
