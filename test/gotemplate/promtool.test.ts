import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases } from './conformance/cases.js';
import { promtoolFiles } from './conformance/promtoolFiles.js';

const INSTALL_HINT = 'install it with: apt-get install -y --no-install-recommends prometheus';

/** Fails loudly when promtool is absent: a skipped conformance test would prove nothing. */
async function promtoolVersion(): Promise<string> {
  const r = await execa('promtool', ['--version'], { reject: false, all: true });
  if (r.failed && (r as { code?: string }).code === 'ENOENT') {
    throw new Error(`promtool is not on PATH; the template conformance test needs it (${INSTALL_HINT})`);
  }
  if (r.exitCode !== 0) throw new Error(`promtool --version failed: ${r.all}`);
  return r.all ?? '';
}

describe('alert templates render exactly as promtool 2.42 renders them', () => {
  let dir: string;
  let keep = false;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lookout-templates-'));
  });
  afterAll(async () => {
    // A failed run leaves its files behind for `promtool test rules` by hand.
    if (!keep) await rm(dir, { recursive: true, force: true });
  });

  it('promtool is installed and is version 2.42', async () => {
    expect(await promtoolVersion()).toMatch(/promtool, version 2\.42\./);
  });

  it('passes promtool test rules with exp_annotations rendered by lookout', async () => {
    await promtoolVersion();
    const cases = allCases();
    const { rules, tests } = promtoolFiles(cases);
    await writeFile(join(dir, 'rules.yml'), rules);
    await writeFile(join(dir, 'tests.yml'), tests);
    const r = await execa('promtool', ['test', 'rules', 'tests.yml'], { cwd: dir, reject: false, all: true });
    keep = r.exitCode !== 0;
    const message = `promtool test rules failed (exit ${r.exitCode}); files kept in ${dir}\n${r.all}`;
    expect(r.exitCode, message).toBe(0);
    expect(r.all).toContain('SUCCESS');
  });
});
