import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How long a generate waits for another one writing the same project before giving up. */
const WAIT_MS = 10 * 60_000;
const POLL_MS = 50;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` holding the project's write lock, a folder beside generated/ (the `.lookout-tmp-`
 * prefix its staging folders use, so one ignore pattern covers both). Two generates of one
 * project then swap generated/ one after the other instead of renaming each other's folders
 * away; a lock whose process died is taken over.
 */
export async function withProjectLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(root, '.lookout-tmp-lock');
  const owner = path.join(lock, 'pid');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let pid = NaN;
    try {
      pid = Number(readFileSync(owner, 'utf8'));
    } catch {
      // Taken a moment ago and the owner not written yet: wait like for a live one.
    }
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another lookout generate (pid ${Number.isNaN(pid) ? '?' : pid}) has held ${lock} for ${WAIT_MS / 60_000} minutes; remove it if no generate is running`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
