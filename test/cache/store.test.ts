import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FORMAT, CacheStore, cacheDirOf } from '../../src/engine/compiler/cache/store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KEY = 'ab'.repeat(32);
const entryFile = (key = KEY) => path.join(dir, 'synthesis', key.slice(0, 2), `${key}.json`);

describe('the cache store', () => {
  it('gives back what was written, numbers JSON cannot spell included', () => {
    const value = { tests: [{ value: NaN }, { value: -Infinity }, { value: Infinity }, { value: -0 }, { value: 0.1 }], name: 'x' };
    new CacheStore(dir).write('synthesis', KEY, value);
    const back = new CacheStore(dir).read<typeof value>('synthesis', KEY)!;
    expect(back.tests.map((t) => t.value)).toEqual([NaN, -Infinity, Infinity, -0, 0.1]);
    expect(Object.is(back.tests[3]!.value, -0)).toBe(true);
  });

  it('misses without a note when nothing was written', () => {
    const store = new CacheStore(dir);
    expect(store.read('synthesis', KEY)).toBeUndefined();
    expect(store.notes).toEqual([]);
  });

  it.each([
    ['a truncated entry', (text: string) => text.slice(0, text.length - 5), /does not match its checksum/],
    ['a flipped digit in the value', (text: string) => text.replace('"value":12', '"value":13'), /does not match its checksum/],
    ['a header that is not JSON', (text: string) => `{oops${text}`, /header is not JSON/],
    ['an entry of another format', (text: string) => text.replace(CACHE_FORMAT, 'lookout-cache/0'), /format "lookout-cache\/0"/],
    ['an empty file', () => '', /not JSON|no entry/],
  ])('ignores %s with a note, removes it, and never returns its value', (_, damage, why) => {
    new CacheStore(dir).write('synthesis', KEY, { value: 12 });
    writeFileSync(entryFile(), damage(readFileSync(entryFile(), 'utf8')));
    const store = new CacheStore(dir);
    expect(store.read('synthesis', KEY)).toBeUndefined();
    expect(store.notes).toHaveLength(1);
    expect(store.notes[0]).toMatch(why);
    expect(() => statSync(entryFile())).toThrow();
  });

  it("ignores another key's entry copied into place", () => {
    const other = 'cd'.repeat(32);
    new CacheStore(dir).write('synthesis', other, { value: 1 });
    mkdirSync(path.dirname(entryFile()), { recursive: true });
    writeFileSync(entryFile(), readFileSync(entryFile(other)));
    const store = new CacheStore(dir);
    expect(store.read('synthesis', KEY)).toBeUndefined();
    expect(store.notes[0]).toMatch(/another key/);
  });

  it('prunes the least recently used entries down to the bound', () => {
    const store = new CacheStore(dir);
    const keys = ['01', '02', '03', '04'].map((k) => k.repeat(32));
    keys.forEach((k, i) => {
      store.write('synthesis', k, { pad: 'x'.repeat(1000) });
      utimesSync(entryFile(k), 1000 + i, 1000 + i);
    });
    // Reading an entry makes it the most recently used.
    expect(store.read('synthesis', keys[0]!)).toBeDefined();
    const size = statSync(entryFile(keys[0])).size;
    store.prune(['synthesis'], 2 * size);
    const left = readdirSync(path.join(dir, 'synthesis')).flatMap((shard) => readdirSync(path.join(dir, 'synthesis', shard)));
    expect(left.sort()).toEqual([`${keys[0]}.json`, `${keys[3]}.json`]);
  });

  it('bounds the kinds it prunes together, oldest first whatever their kind', () => {
    const store = new CacheStore(dir);
    const file = (kind: string, k: string) => path.join(dir, kind, k.slice(0, 2), `${k}.json`);
    const entries = [
      ['synthesis', '01'],
      ['test-files', '02'],
      ['synthesis', '03'],
      ['test-files', '04'],
    ].map(([kind, k]) => [kind!, k!.repeat(32)] as const);
    entries.forEach(([kind, k], i) => {
      store.write(kind, k, { pad: 'x'.repeat(1000) });
      utimesSync(file(kind, k), 1000 + i, 1000 + i);
    });
    const size = statSync(file(...entries[0]!)).size;
    store.prune(['synthesis', 'test-files'], 2 * size);
    const left = entries.filter(([kind, k]) => {
      try {
        return statSync(file(kind, k)).isFile();
      } catch {
        return false;
      }
    });
    expect(left).toEqual([entries[2], entries[3]]);
  });

  it('writes into a folder removed after its first write', () => {
    const store = new CacheStore(dir);
    store.write('synthesis', KEY, { i: 1 });
    rmSync(path.join(dir, 'synthesis'), { recursive: true });
    store.write('synthesis', KEY, { i: 2 });
    expect(store.notes).toEqual([]);
    expect(new CacheStore(dir).read('synthesis', KEY)).toEqual({ i: 2 });
  });

  it('leaves no temporary file behind and writes entries whole', () => {
    const store = new CacheStore(dir);
    for (let i = 0; i < 20; i++) store.write('synthesis', KEY, { i });
    expect(readdirSync(path.dirname(entryFile()))).toEqual([`${KEY}.json`]);
    expect(store.read('synthesis', KEY)).toEqual({ i: 19 });
  });
});

describe('where the cache lives', () => {
  const env = process.env.LOOKOUT_CACHE_DIR;
  afterEach(() => {
    if (env === undefined) delete process.env.LOOKOUT_CACHE_DIR;
    else process.env.LOOKOUT_CACHE_DIR = env;
  });

  it('is LOOKOUT_CACHE_DIR when set', () => {
    process.env.LOOKOUT_CACHE_DIR = dir;
    expect(cacheDirOf('/anywhere')).toBe(dir);
  });

  it('is in the nearest node_modules at or above the project, never a folder the project lacks', () => {
    delete process.env.LOOKOUT_CACHE_DIR;
    const project = path.join(dir, 'a', 'b');
    expect(cacheDirOf(project).startsWith(project)).toBe(false);
    const nm = path.join(dir, 'a', 'node_modules');
    mkdirSync(nm, { recursive: true });
    expect(cacheDirOf(project)).toBe(path.join(nm, '.cache', 'lookout'));
  });
});
