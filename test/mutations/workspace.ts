import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdit, type Mutation } from './mutation.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The base project every mutation starts from. */
export const BASE = path.join(ROOT, 'test/fixtures/mutations/payments-api');
/**
 * Where the copies live: test/fixtures/.tmp, at the base's depth below the repository, so the
 * base's tsconfig (which extends the root one and resolves 'lookout' to the source) works as is.
 */
const TMP = path.join(ROOT, 'test/fixtures/.tmp');

/**
 * The copies of one run of the corpus: `at(name)` is a folder directly in test/fixtures/.tmp
 * (one level deeper and the base's tsconfig would not find the root one), named for this run;
 * `removeAll` removes every one of them.
 */
export function runFolder(): { root: string; at: (name: string) => string; removeAll: () => void } {
  mkdirSync(TMP, { recursive: true });
  const prefix = `mut-${process.pid}-${Date.now().toString(36)}-`;
  return {
    root: TMP,
    at: (name) => path.join(TMP, prefix + name),
    removeAll: () => {
      for (const e of readdirSync(TMP)) if (e.startsWith(prefix)) remove(path.join(TMP, e));
    },
  };
}

/** A fresh copy of the base project (with the generated/ given, if any) at `dir`. */
export function copyBase(dir: string, generated?: string): void {
  cpSync(BASE, dir, { recursive: true, filter: (src) => path.relative(BASE, src).split(path.sep)[0] !== 'generated' });
  if (generated) cpSync(generated, path.join(dir, 'generated'), { recursive: true });
}

/** The base with one mutation applied, at `dir`. */
export function materialize(dir: string, m: Mutation, generated?: string): void {
  copyBase(dir, generated);
  const file = path.join(dir, m.file);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, applyEdit(text, m));
}

/** Every file under `dir`, by relative path, with a hash of its bytes: what "untouched" compares. */
export function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out.set(path.relative(dir, f), createHash('sha1').update(readFileSync(f)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** The files that differ between two fingerprints (added, removed or changed), sorted. */
export function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

/** One hash of a whole folder: copies that generated the same files share it. */
export function folderHash(dir: string): string {
  const h = createHash('sha1');
  for (const [name, sum] of [...fingerprint(dir)].sort(([a], [b]) => a.localeCompare(b))) h.update(`${name}\0${sum}\n`);
  return h.digest('hex');
}

export function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
