import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What a folder held: each file (relative path) and the SHA-256 of its bytes. */
export type Snapshot = ReadonlyMap<string, string>;

export function snapshot(dir: string): Snapshot {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out.set(path.relative(dir, f), createHash('sha256').update(readFileSync(f)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export interface SnapshotDiff {
  changed: string[];
  added: string[];
  removed: string[];
}

export function diffSnapshots(from: Snapshot, to: Snapshot): SnapshotDiff {
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [f, hash] of to) {
    const was = from.get(f);
    if (was === undefined) added.push(f);
    else if (was !== hash) changed.push(f);
  }
  for (const f of from.keys()) if (!to.has(f)) removed.push(f);
  return { changed, added, removed };
}

export const diffSize = (d: SnapshotDiff) => d.changed.length + d.added.length + d.removed.length;

/** `3 changed (a, b, c), 1 added (d)`: the first few names of each kind. */
export function describeDiff(d: SnapshotDiff, names = 3): string {
  const part = (what: string, files: string[]) => (files.length ? `${files.length} ${what} (${files.slice(0, names).join(', ')}${files.length > names ? ', ...' : ''})` : '');
  return [part('changed', d.changed), part('added', d.added), part('removed', d.removed)].filter(Boolean).join(', ') || 'no difference';
}

/** How many files a folder holds, 0 when it does not exist: what a cache directory filled up with. */
export function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}
