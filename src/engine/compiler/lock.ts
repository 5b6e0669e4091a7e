import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { asUserError } from './fsProblem.js';

/** How long a generate waits for another one writing the same project before giving up. */
const WAIT_MS = 10 * 60_000;
const POLL_MS = 50;

/** The lock folder, beside generated/; its name shares the staging folders' prefix, so one ignore pattern covers both. */
export const LOCK_NAME = '.lookout-tmp-lock';

/**
 * A folder a generate stages into (`.lookout-tmp-`) or moves the old generated/ to while it
 * swaps (`.lookout-old-`), named after the pid of the process that made it.
 */
const WORK_FOLDER = /^\.lookout-(?:tmp|old)-(\d+)-[0-9a-f]+$/;

/** A unique name for a work folder of this process under `parent`. */
export function workFolder(parent: string, kind: 'tmp' | 'old', tag = `${process.pid}-${randomBytes(4).toString('hex')}`): string {
  return path.join(parent, `.lookout-${kind}-${tag}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the work folders a killed generate left beside generated/. Called holding the lock,
 * so no other generate of this project is staging; a folder is still kept while the process
 * named in it lives (or is this one), in case it is a generate that does not take the lock.
 * Best effort: a folder that cannot be removed is tried again on the next run.
 */
export function removeStaleWorkFolders(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(WORK_FOLDER.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(path.join(root, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Left for the next run.
    }
  }
  return removed;
}

/**
 * Creates the lock whole: a work folder holding the pid, renamed onto the lock's name. A
 * rename cannot replace a folder that has files in it, so either this process owns a lock
 * that names it, or the lock belongs to someone else; a generate killed half way leaves a
 * work folder (named after its dead pid, removed later), never a lock without an owner.
 */
function tryLock(root: string, lock: string): boolean {
  const mine = workFolder(root, 'tmp');
  try {
    mkdirSync(mine);
    writeFileSync(path.join(mine, 'pid'), String(process.pid));
    renameSync(mine, lock);
    return true;
  } catch (e) {
    rmSync(mine, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw asUserError(e, root, root, 'take the lock on generated/');
  }
}

/**
 * Runs `fn` holding the project's write lock. Two generates of one project then swap
 * generated/ one after the other instead of renaming each other's folders away; a lock whose
 * process died is taken over, and what a killed generate left behind is removed.
 */
export async function withProjectLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(root, LOCK_NAME);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (tryLock(root, lock)) break;
    let pid = NaN;
    try {
      pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      // Released since, or unreadable: wait like for a live owner.
    }
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another lookout generate (pid ${Number.isNaN(pid) ? '?' : pid}) has held ${lock} for ${WAIT_MS / 60_000} minutes; remove it if no generate is running`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    removeStaleWorkFolders(root);
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
