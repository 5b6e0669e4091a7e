import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs `fn` in a fresh project folder holding `files` (relative path → text), for the stages
 * that read the project folder rather than the definitions (runbooks/), and removes it after.
 */
export async function inProjectFolder<T>(files: Readonly<Record<string, string>>, fn: (root: string) => T | Promise<T>): Promise<T> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lookout-checks-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    return await fn(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
