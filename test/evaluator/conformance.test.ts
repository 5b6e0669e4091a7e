import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBattery } from './battery.js';
import { battery } from './cases.js';
import { requirePromtool, runPromtoolTests } from './promtool.js';

describe('conformance with promtool 2.42', () => {
  it('promtool is installed (CI installs Debian\'s prometheus package)', () => {
    expect(() => requirePromtool()).not.toThrow();
  });

  it('agrees with every value and alert lookout computes for the battery', () => {
    const built = buildBattery(battery);
    expect(built.checks).toBeGreaterThan(300);
    // Every case flagged as order dependent must really be so somewhere, or the flag is stale.
    const flagged = battery.flatMap((f) => f.groups.flatMap((g) => (g.exprs ?? []).filter((e) => e.orderDependent).map((e) => e.expr)));
    for (const expr of flagged) expect(built.orderDependent.some((d) => d.startsWith(`${expr} @ `))).toBe(true);
    const run = runPromtoolTests(built.files, built.testFiles);
    if (!run.ok) {
      // The diff promtool prints is the useful part; the files stay in run.dir for replay.
      expect.fail(`promtool disagrees (files in ${run.dir}):\n${run.output}`);
    }
    expect(run.output).toContain('SUCCESS');
    rmSync(run.dir, { recursive: true, force: true });
  });
});
