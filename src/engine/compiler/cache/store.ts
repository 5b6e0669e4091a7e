import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { contentHash } from './stableJson.js';
import os from 'node:os';
import path from 'node:path';

/**
 * Bumped whenever the layout or meaning of anything under the cache folder changes; entries
 * of another format are ignored with a note, never read.
 */
export const CACHE_FORMAT = 'lookout-cache/1';

/** The kind of entries a run adds by the thousand: each alert's synthesized tests. */
export const SYNTHESIS_KIND = 'synthesis';
/** The kinds of entries bounded in size together. */
export const PRUNED_KINDS: readonly string[] = [SYNTHESIS_KIND];

/** Past this many bytes of entries, the least recently used are removed after a run. */
export const DEFAULT_CACHE_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Where a project's cache lives: `LOOKOUT_CACHE_DIR` when set; else `.cache/lookout` in the
 * nearest node_modules folder at or above the project (where build tools keep caches, ignored
 * by git and by npm pack); else the user's cache folder. Never a folder the project lacks:
 * a failed generate must leave the project as it was.
 */
export function cacheDirOf(root: string): string {
  const fromEnv = process.env.LOOKOUT_CACHE_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'lookout');
    if (path.dirname(dir) === dir) break;
  }
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'lookout');
}

/** The first line of an entry file; the value's JSON follows it. */
interface EntryHeader {
  format: string;
  key: string;
  /** SHA-1 of the value's JSON: a flipped byte is a miss, not a wrong test. */
  sum: string;
}

/** JSON has no NaN, ±Infinity or -0, which expected sample values can be. */
const NUMBER_TAG = '$number';

function encode(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { [NUMBER_TAG]: Object.is(v, -0) ? '-0' : String(v) } : v));
}

function decode(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    return keys.length === 1 && keys[0] === NUMBER_TAG ? Number((v as Record<string, string>)[NUMBER_TAG]) : v;
  });
}

/**
 * Writes `text` to `file` through a temporary file renamed into place, so a reader sees the
 * whole file or none; the folder must exist. On failure the temporary file is removed and the
 * error thrown.
 */
export function writeWhole(file: string, text: string): void {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * A folder of entries addressed by key, as the cache keeps them. Never needed for
 * correctness: an entry that cannot be read, is corrupt, or belongs to another format or key
 * is a miss (with a note saying so), and a write that fails only costs the next run time.
 * Safe for two generates at once: an entry is written to a temporary file and renamed into
 * place, so a reader sees a whole entry or none.
 */
export class CacheStore {
  /** What the cache ignored or could not do, for the user; the run goes on without it. */
  readonly notes: string[] = [];
  /** Folders this store made or found: a run writes thousands of entries into 256 of them. */
  private readonly folders = new Set<string>();

  constructor(readonly dir: string) {}

  private file(kind: string, key: string): string {
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.json`);
  }

  read<T>(kind: string, key: string): T | undefined {
    const file = this.file(kind, key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const newline = text.indexOf('\n');
    let header: Partial<EntryHeader>;
    try {
      header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as Partial<EntryHeader>;
    } catch (e) {
      return this.reject(file, `its header is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (typeof header !== 'object' || header === null || newline < 0) return this.reject(file, 'it holds no entry');
    if (header.format !== CACHE_FORMAT) return this.reject(file, `it was written in format ${JSON.stringify(header.format)}, not ${CACHE_FORMAT}`);
    if (header.key !== key) return this.reject(file, 'it holds the entry of another key');
    const body = text.slice(newline + 1);
    if (contentHash(body) !== header.sum) return this.reject(file, 'its content does not match its checksum');
    let value: T;
    try {
      value = decode(body) as T;
    } catch (e) {
      return this.reject(file, `it is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    // Recently used entries survive pruning.
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // A concurrent prune removed it: we already have its value.
    }
    return value;
  }

  write(kind: string, key: string, value: unknown): void {
    const body = encode(value);
    const header: EntryHeader = { format: CACHE_FORMAT, key, sum: contentHash(body) };
    this.writeFile(this.file(kind, key), `${JSON.stringify(header)}\n${body}`);
  }

  /** Writes `text` to `file` whole or not at all. */
  writeFile(file: string, text: string): void {
    try {
      const folder = path.dirname(file);
      if (!this.folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.folders.add(folder);
      }
      try {
        writeWhole(file, text);
      } catch (e) {
        // The folder was removed meanwhile (the cache cleared by hand): make it again.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        mkdirSync(folder, { recursive: true });
        writeWhole(file, text);
      }
    } catch (e) {
      this.notes.push(`could not write the cache at ${this.dir} (${e instanceof Error ? e.message : String(e)}); the next run will redo this work`);
    }
  }

  private reject(file: string, why: string): undefined {
    this.notes.push(`ignored the cache entry ${file}: ${why}`);
    rmSync(file, { force: true });
    return undefined;
  }

  /** Removes the least recently used entries of `kinds` until together they hold at most `maxBytes`. */
  prune(kinds: readonly string[], maxBytes: number): void {
    const entries: Array<{ file: string; size: number; used: number }> = [];
    for (const kind of kinds) this.listEntries(path.join(this.dir, kind), entries);
    let total = entries.reduce((a, e) => a + e.size, 0);
    if (total <= maxBytes) return;
    entries.sort((a, b) => a.used - b.used);
    for (const e of entries) {
      if (total <= maxBytes) break;
      rmSync(e.file, { force: true });
      total -= e.size;
    }
  }

  private listEntries(root: string, entries: Array<{ file: string; size: number; used: number }>): void {
    if (!existsSync(root)) return;
    for (const shard of readdirSync(root)) {
      const dir = path.join(root, shard);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        try {
          const st = statSync(path.join(dir, name));
          entries.push({ file: path.join(dir, name), size: st.size, used: st.mtimeMs });
        } catch {
          // Removed meanwhile by another run.
        }
      }
    }
  }
}
