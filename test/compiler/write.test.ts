import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffArtifacts, writeArtifacts } from '../../src/compiler/write.js';
import { snapshot } from './project.js';

describe('writing generated/', () => {
  let parent: string;
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  function setup(): string {
    parent = mkdtempSync(path.join(os.tmpdir(), 'lookout-write-'));
    const out = path.join(parent, 'generated');
    mkdirSync(path.join(out, 'prometheus'), { recursive: true });
    writeFileSync(path.join(out, 'prometheus/old.yml'), 'old\n');
    return out;
  }

  it('replaces the folder with exactly the artifact set', async () => {
    const out = setup();
    const drift = await writeArtifacts(out, new Map([['prometheus/new.yml', 'new\n']]));
    expect(drift).toEqual({ changed: [], missing: ['prometheus/new.yml'], extra: ['prometheus/old.yml'] });
    expect(readdirSync(path.join(out, 'prometheus'))).toEqual(['new.yml']);
    expect(readdirSync(parent)).toEqual(['generated']);
  });

  it('leaves the folder as it was, and no staging folder behind, when a write fails', async () => {
    const out = setup();
    const before = snapshot(out);
    // A file and a folder of the same name: the second write fails half way through.
    const broken = new Map([
      ['prometheus/a', 'file\n'],
      ['prometheus/a/b.yml', 'nested\n'],
    ]);
    await expect(writeArtifacts(out, broken)).rejects.toThrow();
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['generated']);
  });

  it('does not touch anything when nothing changed', async () => {
    const out = setup();
    const before = snapshot(out);
    const same = new Map([['prometheus/old.yml', 'old\n']]);
    expect(await diffArtifacts(out, same)).toEqual({ changed: [], missing: [], extra: [] });
    await writeArtifacts(out, same);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(out)).toBe(true);
  });
});
