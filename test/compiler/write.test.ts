import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffArtifacts, writeArtifacts } from '../../src/engine/compiler/write.js';
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

  it('moves only the files that differ into an existing folder, and removes folders left empty', async () => {
    const out = setup();
    mkdirSync(path.join(out, 'grafana/old'), { recursive: true });
    writeFileSync(path.join(out, 'grafana/old/gone.json'), '{}\n');
    writeFileSync(path.join(out, 'prometheus/same.yml'), 'same\n');
    const untouched = statSync(path.join(out, 'prometheus/same.yml')).ino;
    const drift = await writeArtifacts(
      out,
      new Map([
        ['prometheus/old.yml', 'edited\n'],
        ['prometheus/same.yml', 'same\n'],
        ['mimir/rules/new.yml', 'new\n'],
      ]),
    );
    expect(drift).toEqual({ changed: ['prometheus/old.yml'], missing: ['mimir/rules/new.yml'], extra: ['grafana/old/gone.json'] });
    const contents = Object.fromEntries(Object.entries(snapshot(out)).map(([rel, v]) => [rel, v.slice(v.indexOf(' ') + 1)]));
    expect(contents).toEqual({ 'mimir/rules/new.yml': 'new\n', 'prometheus/old.yml': 'edited\n', 'prometheus/same.yml': 'same\n' });
    // The unchanged file is the same file, not a copy; the emptied folders are gone.
    expect(statSync(path.join(out, 'prometheus/same.yml')).ino).toBe(untouched);
    expect(readdirSync(out).sort()).toEqual(['mimir', 'prometheus']);
    expect(readdirSync(parent)).toEqual(['generated']);
  });

  it('turns a file into a folder of the same name', async () => {
    const out = setup();
    const drift = await writeArtifacts(out, new Map([['prometheus/old.yml/inner.yml', 'inner\n']]));
    expect(drift).toEqual({ changed: [], missing: ['prometheus/old.yml/inner.yml'], extra: ['prometheus/old.yml'] });
    expect(readFileSync(path.join(out, 'prometheus/old.yml/inner.yml'), 'utf8')).toBe('inner\n');
    expect(readdirSync(parent)).toEqual(['generated']);
  });
});
