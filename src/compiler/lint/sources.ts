import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Service } from '../../toolkit/project.js';
import { relative } from '../paths.js';

/** TypeScript a service is written in; declaration files hold no code. */
const SOURCE_FILE = /\.(?:m|c)?tsx?$/;
const DECLARATION_FILE = /\.d\.(?:m|c)?tsx?$/;
/** Tests exercise the service but are not it: a metric only a test records is not emitted. */
const TEST_FILE = /\.(?:test|spec)\.(?:m|c)?tsx?$/;
const GLOB_CHARS = /[*?[]/;

/** `./src/gateway/` → `src/gateway`: entries are compared with project-relative paths. */
function normalize(entry: string): string {
  return entry.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/** `src/**\/*.ts` → a RegExp over project-relative paths; `**` spans folders, `*` and `?` do not. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a project-relative file is matched by an entry: the file itself, a folder holding it, or a glob. */
export function matchesEntry(file: string, entry: string): boolean {
  const e = normalize(entry);
  if (GLOB_CHARS.test(e)) return globRegExp(e).test(file) || globRegExp(`${e}/**`).test(file);
  return e === '' || file === e || file.startsWith(`${e}/`);
}

/** The folder to walk for an entry: everything before its first segment with a glob character. */
function walkRoot(entry: string): string {
  const segments = normalize(entry).split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  return (firstGlob === -1 ? segments : segments.slice(0, firstGlob)).join('/');
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) out.push(full);
  }
}

export interface ServiceFiles {
  /** Absolute paths of the service's source files, sorted. */
  files: string[];
  /** Entries of `sources` that matched no file: almost always a typo. (An unmatched `exclude` shows itself.) */
  unmatched: { field: 'sources'; index: number; entry: string }[];
}

/**
 * The files that make up a service: every TypeScript file its `sources` match, less what
 * `exclude` matches, less test files and `catalogFile` (the catalog declares metrics; it is
 * the one place allowed to).
 */
export function serviceFiles(root: string, service: Service, catalogFile: string | undefined): ServiceFiles {
  const candidates = new Set<string>();
  const unmatched: ServiceFiles['unmatched'] = [];
  service.sources.forEach((entry, index) => {
    const base = path.join(root, walkRoot(entry));
    const found: string[] = [];
    if (existsSync(base)) {
      if (statSync(base).isDirectory()) walk(base, found);
      else found.push(base);
    }
    const matched = found.filter((f) => matchesEntry(relative(root, f), entry));
    if (matched.length === 0) unmatched.push({ field: 'sources', index, entry });
    for (const f of matched) candidates.add(f);
  });
  const files = [...candidates]
    .filter((f) => f !== catalogFile && !TEST_FILE.test(f) && !service.exclude.some((e) => matchesEntry(relative(root, f), e)))
    .sort();
  return { files, unmatched };
}
