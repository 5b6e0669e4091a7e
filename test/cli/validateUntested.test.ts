import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import { generate } from '../../src/engine/compiler/generate.js';
import { importSpec } from '../../src/engine/compiler/import/importSpec.js';
import { removeProject } from '../compiler/project.js';
import { fixture, importProject } from '../import/project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { inProcess } from './lookout.js';

describe('lookout validate and SLOs generate wrote no tests for', () => {
  it('names each such SLO with its file and the reason, and fails on them with --fail-on-untested', async () => {
    const dir = importProject();
    try {
      const imported = await importSpec({ format: 'sloth', input: fixture('hints/raw-ratio.sloth.yml'), root: dir });
      expect(imported.status).toBe('ok');
      // The SLO's SLI in the imported module: what both commands point at.
      const at = `slo/raw-ratio-sloth.ts:${readFileSync(imported.outFile, 'utf8').split('\n').findIndex((l) => l.trimStart().startsWith('sli: ')) + 1}`;
      const generated = await generate({ root: dir });
      expect(generated.status).toBe('ok');
      // generate itself says it once per SLO, not once per tier alert.
      expect(generated.diagnostics.filter((d) => d.code === 'test/slo-untested').map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
        `${at} SLO "shop/cart-ratio" has no generated tests for ShopCartRatio: raw SLIs have no known series to drive; add hand-written tests`,
      ]);

      const line = `  ${at}: SLO "shop/cart-ratio" has no generated tests for ShopCartRatio: raw SLIs have no known series to drive; add hand-written tests`;
      const warned = await inProcess(() => validateCommand({ project: dir }));
      expect(warned.exitCode).toBe(0);
      expect(warned.stdout).toContain('ok   promtool check rules');
      expect(warned.stderr).toContain(`warn 1 SLO without generated tests: promtool tested none of its alerts:\n${line}\n  (pass --fail-on-untested to fail on this)`);

      const failed = await inProcess(() => validateCommand({ project: dir, failOnUntested: true }));
      expect(failed.exitCode).toBe(1);
      expect(failed.stderr).toContain(`FAIL 1 SLO without generated tests: promtool tested none of its alerts (--fail-on-untested):\n${line}`);

      // Without the definitions there is nothing to find them with: a usage error, not a pass.
      const blind = await inProcess(() => validateCommand({ project: dir, generatedOnly: true, failOnUntested: true }));
      expect(blind.exitCode).toBe(2);

      // Once the SLO is one lookout can drive, the flag has nothing to fail on.
      rmSync(imported.outFile);
      writeFileSync(path.join(dir, 'slo/shop.ts'), readFileSync(path.resolve(import.meta.dirname, '../fixtures/mini/slo/shop.ts'), 'utf8'));
      expect((await generate({ root: dir })).status).toBe('ok');
      const tested = await inProcess(() => validateCommand({ project: dir, failOnUntested: true }));
      expect(tested.exitCode).toBe(0);
      expect(tested.stderr).not.toContain('without generated tests');
    } finally {
      removeProject(dir);
    }
  }, TIMEOUT.validate);
});
