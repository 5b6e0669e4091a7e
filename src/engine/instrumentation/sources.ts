import path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import type { Service } from '../../library/project.js';

/** TypeScript a service is written in; declaration files hold no code. */
const SOURCE_FILE = /\.(?:m|c)?tsx?$/;
const DECLARATION_FILE = /\.d\.(?:m|c)?tsx?$/;
/** Tests exercise the service but are not it: a metric only a test records is not emitted. */
const TEST_FILE = /\.(?:test|spec)\.(?:m|c)?tsx?$/;

/** `./src/integrations/gateway/` → `src/integrations/gateway`: entries are compared with project-relative paths. */
function normalize(entry: string): string {
  return entry.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/** An entry names a file, a folder (everything below it) or a glob (what it matches, and below). */
function patterns(entry: string): string[] {
  const e = normalize(entry);
  return e === '' ? ['**'] : [e, `${e}/**`];
}

/** Whether a project-relative file is matched by an entry: the file itself, a folder holding it, or a glob. */
export function matchesEntry(file: string, entry: string): boolean {
  return picomatch(patterns(entry))(file);
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
    const matched = globSync(patterns(entry), { cwd: root, absolute: true, ignore: ['**/node_modules/**'] }).filter(
      (f) => SOURCE_FILE.test(f) && !DECLARATION_FILE.test(f),
    );
    if (matched.length === 0) unmatched.push({ field: 'sources', index, entry });
    for (const f of matched) candidates.add(path.normalize(f));
  });
  const excluded = service.exclude.length > 0 ? picomatch(service.exclude.flatMap(patterns)) : () => false;
  const files = [...candidates].filter((f) => f !== catalogFile && !TEST_FILE.test(f) && !excluded(path.relative(root, f).split(path.sep).join('/'))).sort();
  return { files, unmatched };
}
