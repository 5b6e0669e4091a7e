import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const TMP = path.join(FIXTURES, '.tmp');

/**
 * A throwaway lookout project under test/fixtures/.tmp (two levels below the repository root,
 * so its tsconfig can extend the root one and resolve 'lookout' to the source), with the shop
 * catalog of test/fixtures/mini and the given files.
 */
export function makeProject(files: Record<string, string>): string {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(path.join(TMP, 'p-'));
  const base: Record<string, string> = {
    'tsconfig.json': '{ "extends": "../../../../tsconfig.json", "include": ["**/*.ts"] }\n',
    'metrics.ts': readFileSync(path.join(FIXTURES, 'mini/metrics.ts'), 'utf8'),
    'lookout.config.ts': readFileSync(path.join(FIXTURES, 'mini/lookout.config.ts'), 'utf8'),
  };
  for (const [rel, content] of Object.entries({ ...base, ...files })) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` with its bytes and mtime, to prove nothing was touched. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out[path.relative(dir, f)] = `${statSync(f).mtimeMs} ${readFileSync(f, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}
