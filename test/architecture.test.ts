import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The import rules docs/architecture.md states, read from the source itself: every import of
// every file under src/, type-only and dynamic ones included.

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

/** The four kinds of code, each a folder of src/: what may import what. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  library: ['library'],
  engine: ['library', 'engine'],
  integrations: ['library', 'engine', 'integrations'],
  cli: ['library', 'engine', 'integrations', 'cli'],
};

/** What the library must not do itself: processes, network, files, compiling TypeScript. */
const LIBRARY_FORBIDDEN_PACKAGES = [
  'node:child_process',
  'node:fs',
  'node:fs/promises',
  'node:http',
  'node:https',
  'node:net',
  'node:worker_threads',
  'execa',
  'undici',
  'ts-morph',
  'typescript',
  'tsx',
];

const GATEWAY = 'src/integrations/gateway/';
/** The one library file the instrumented gateway may import. */
const RUNTIME_ENTRY = 'src/library/runtime.ts';

interface Import {
  from: string;
  /** Project-relative target file for a relative import; the package name otherwise. */
  to: string;
  relative: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const from = path.relative(ROOT, file);
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) return { from, to: fileName, relative: false };
    const target = path.relative(ROOT, path.resolve(path.dirname(file), fileName)).replace(/\.js$/, '.ts');
    return { from, to: target, relative: true };
  });
}

const FILES = sourceFiles(SRC);
const IMPORTS = FILES.flatMap(importsOf);
const RELATIVE = IMPORTS.filter((i) => i.relative);

/** `src/engine/compiler/emit/yaml.ts` → `engine`. */
function kindOf(file: string): string {
  return file.split('/')[1]!;
}

/**
 * The sibling folders `a` and `b` that an import joins, if it joins two: the first folders
 * where the two paths part, both below a common folder. A file importing a file of its own
 * folder or of a parent folder joins no siblings.
 */
function siblings(from: string, to: string): [string, string] | undefined {
  const a = from.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  if (i >= a.length - 1 || i >= b.length - 1) return undefined;
  const prefix = a.slice(0, i).join('/');
  return [`${prefix}/${a[i]}`, `${prefix}/${b[i]}`];
}

/** Each cycle of the graph once, as the folders on it. */
function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const found: string[][] = [];
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

describe('the architecture (docs/architecture.md)', () => {
  it('reads imports of every kind, so the rules below see something', () => {
    expect(FILES.length).toBeGreaterThan(300);
    expect(RELATIVE.some((i) => i.from.startsWith('src/cli/') && i.to.startsWith('src/engine/'))).toBe(true);
  });

  it('keeps all code in the four folders of src/', () => {
    const loose = FILES.map((f) => path.relative(ROOT, f)).filter((f) => f.split('/').length < 3 || !(kindOf(f) in MAY_IMPORT));
    expect(loose).toEqual([]);
  });

  it('imports only downwards: library ← engine ← integrations ← cli', () => {
    const wrong = RELATIVE.filter((i) => !MAY_IMPORT[kindOf(i.from)]!.includes(kindOf(i.to))).map((i) => `${i.from} → ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('keeps the library free of processes, network, files and the TypeScript compiler', () => {
    const wrong = IMPORTS.filter((i) => kindOf(i.from) === 'library' && !i.relative && LIBRARY_FORBIDDEN_PACKAGES.includes(i.to)).map((i) => `${i.from} → ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('lets the gateway, an instrumented service, import only the runtime entry of the library', () => {
    const wrong = RELATIVE.filter((i) => i.from.startsWith(GATEWAY) && !i.to.startsWith(GATEWAY) && i.to !== RUNTIME_ENTRY).map((i) => `${i.from} → ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('has no cycle between sibling folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of RELATIVE) {
      const pair = siblings(i.from, i.to);
      if (!pair) continue;
      if (!edges.has(pair[0])) edges.set(pair[0], new Set());
      edges.get(pair[0])!.add(pair[1]);
    }
    const withExamples = cycles(edges).map((c) => {
      const joins = RELATIVE.filter((i) => {
        const pair = siblings(i.from, i.to);
        return pair && c.includes(pair[0]) && c.includes(pair[1]);
      });
      return `${c.join(' ⇄ ')}: ${joins.map((i) => `${i.from} → ${i.to}`).join(', ')}`;
    });
    expect(withExamples).toEqual([]);
  });

  it('finds a cycle and a wrong-way import when there is one', () => {
    const edges = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    expect(cycles(edges)).toEqual([['a', 'b', 'c']]);
    expect(siblings('src/library/slo/define.ts', 'src/library/alerts/define.ts')).toEqual(['src/library/slo', 'src/library/alerts']);
    expect(siblings('src/library/slo/checks/x.ts', 'src/library/slo/define.ts')).toBeUndefined();
    expect(siblings('src/engine/compiler/emit/yaml.ts', 'src/library/duration.ts')).toEqual(['src/engine', 'src/library']);
  });
});
