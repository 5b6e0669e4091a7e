import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSystemProblem } from '../../src/engine/compiler/fsProblem.js';
import { LOCK_NAME, withProjectLock } from '../../src/engine/compiler/lock.js';
import { writeArtifacts } from '../../src/engine/compiler/write.js';
import { lookout } from '../cli/lookout.js';
import { TIMEOUT } from '../support/timeouts.js';
import { makeProject, removeProject, snapshot } from './project.js';

/** The pid of a process that has exited: what a generate killed mid-write leaves in its folders' names. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

/**
 * Permission checks do not apply to root, and these tests may run as root (CI does): there the
 * write runs with the effective uid of `nobody`, so a folder without write bits does stop it.
 */
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

async function unprivileged<T>(fn: () => Promise<T>): Promise<T> {
  if (!isRoot) return fn();
  process.setegid!(NOBODY);
  process.seteuid!(NOBODY);
  try {
    return await fn();
  } finally {
    process.seteuid!(0);
    process.setegid!(0);
  }
}

describe('generated/ stays true', () => {
  let parent: string;
  afterEach(() => {
    chmodSync(parent, 0o755);
    if (existsSync(path.join(parent, 'generated'))) for (const d of ['generated', 'generated/prometheus']) chmodSync(path.join(parent, d), 0o755);
    rmSync(parent, { recursive: true, force: true });
  });

  function setup(): string {
    parent = mkdtempSync(path.join(os.tmpdir(), 'lookout-true-'));
    const out = path.join(parent, 'generated');
    mkdirSync(path.join(out, 'prometheus'), { recursive: true });
    writeFileSync(path.join(out, 'prometheus/old.yml'), 'old\n');
    // Readable (and, unless a test says otherwise, writable) by the unprivileged user.
    chmodSync(parent, 0o777);
    chmodSync(out, 0o777);
    chmodSync(path.join(out, 'prometheus'), 0o777);
    return out;
  }

  it('removes the folders a killed generate left, and keeps those of a live process and the lock of the running one', async () => {
    const out = setup();
    const dead = deadPid();
    const leftovers = [`.lookout-tmp-${dead}-0a1b2c3d`, `.lookout-old-${dead}-deadbeef`];
    const live = `.lookout-tmp-${process.ppid}-12345678`;
    for (const name of [...leftovers, live]) {
      mkdirSync(path.join(parent, name, 'prometheus'), { recursive: true });
      writeFileSync(path.join(parent, name, 'prometheus/half.yml'), 'half\n');
    }
    let during: string[] = [];
    await withProjectLock(parent, async () => {
      during = readdirSync(parent).sort();
      await writeArtifacts(out, new Map([['prometheus/new.yml', 'new\n']]));
    });
    expect(during).toEqual([LOCK_NAME, live, 'generated'].sort());
    expect(readdirSync(parent).sort()).toEqual([live, 'generated'].sort());
  });

  it('takes over a lock whose generate was killed, and leaves no work folder of its own', async () => {
    setup();
    mkdirSync(path.join(parent, LOCK_NAME));
    writeFileSync(path.join(parent, LOCK_NAME, 'pid'), String(deadPid()));
    expect(await withProjectLock(parent, async () => 'ran')).toBe('ran');
    expect(readdirSync(parent)).toEqual(['generated']);
  });

  it.each([
    ['generated/ is read-only, new files in place', 'generated', new Map([['prometheus/old.yml', 'old\n'], ['prometheus/new.yml', 'new\n']])],
    ['generated/ is read-only, the whole tree swapped', 'generated', new Map([['prometheus/old.yml/inner.yml', 'x\n']])],
    ['a folder in generated/ is read-only', 'generated/prometheus', new Map([['prometheus/old.yml', 'edited\n']])],
    ["generated/'s parent is read-only", '.', new Map([['prometheus/old.yml', 'edited\n']])],
  ])('refuses before changing anything when %s, naming the folder and the errno', async (_case, readOnly, artifacts) => {
    const out = setup();
    const before = snapshot(out);
    chmodSync(path.join(parent, readOnly), 0o555);
    const error = await unprivileged(() => writeArtifacts(out, artifacts)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileSystemProblem);
    const d = (error as FileSystemProblem).diagnostic;
    expect(d).toMatchObject({ code: 'write/permission', severity: 'error', file: readOnly === '.' ? path.basename(parent) : readOnly });
    expect(d.message).toContain('EACCES (permission denied)');
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['generated']);
  });
});

describe('lookout generate into a read-only generated/', () => {
  it('reports the folder and errno as the user\'s error, exits 1, and leaves generated/ as it was', async () => {
    const dir = makeProject({});
    const out = path.join(dir, 'generated');
    try {
      mkdirSync(path.join(out, 'prometheus'), { recursive: true });
      writeFileSync(path.join(out, 'prometheus/stale.yml'), 'stale\n');
      const before = snapshot(out);
      // The project readable by the unprivileged user and its folder writable (for the lock); generated/ not.
      chmodSync(dir, 0o777);
      chmodSync(out, 0o555);
      const r = await lookout(['generate', '--no-cache', '--project', dir], {}, isRoot ? { uid: NOBODY, gid: NOBODY } : {});
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).toMatch(/^generated: error write\/permission: cannot write generated\/ \(left as it was\): EACCES \(permission denied\) on generated$/m);
      expect(r.exitCode).toBe(1);
      expect(snapshot(out)).toEqual(before);
      expect(readdirSync(dir).filter((f) => f.startsWith('.lookout-'))).toEqual([]);
    } finally {
      chmodSync(out, 0o755);
      removeProject(dir);
    }
  }, TIMEOUT.generate);
});
