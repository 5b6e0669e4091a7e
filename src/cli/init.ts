import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, DEFINITION_DIRS } from '../engine/compiler/discover.js';
import { SCAFFOLD, scaffoldTsconfig } from '../engine/compiler/scaffold.js';
import { EXIT, fail, info } from './output.js';

/** The .ts files already under the definition folders, relative to `dir`. */
function definitionFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    if (!existsSync(full)) return;
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.m?ts$/.test(entry.name)) out.push(child);
    }
  };
  for (const d of DEFINITION_DIRS) walk(d);
  return out;
}

/**
 * What init would overwrite or mix its definitions into: its own files that exist, and any
 * definition module (generate loads every module of slo/, rules/ and dashboards/, so a second
 * catalog or alert beside the user's breaks the project). tsconfig.json is never replaced.
 */
function existing(dir: string): string[] {
  const own = Object.keys(SCAFFOLD).filter((rel) => existsSync(path.join(dir, rel)));
  return [...new Set([...own, ...definitionFiles(dir)])].sort();
}

/** Whether TypeScript can find Node's types from `dir` (then the tsconfig names them). */
function hasNodeTypes(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'node_modules/@types/node/package.json'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/**
 * A package.json when there is none (a module package: nothing to keep compatible with). An
 * existing one is left as it is, whatever its "type": lookout loads the definitions as ES
 * modules in CommonJS packages too, and the package's own code may depend on its type.
 */
async function ensurePackage(dir: string): Promise<string | undefined> {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) {
    await writeFile(file, `${JSON.stringify({ name: path.basename(dir), private: true, type: 'module' }, null, 2)}\n`);
    return 'created package.json';
  }
  try {
    JSON.parse(await readFile(file, 'utf8'));
  } catch {
    fail(`warning: package.json in ${dir} is not valid JSON; npm will refuse it until it is fixed.`);
  }
  return undefined;
}

/**
 * Writes a minimal project into `dir`. Refuses, writing nothing, when the folder already holds
 * lookout definitions or files init would write, unless `force` (then init's files replace
 * them; other definition modules stay). A tsconfig.json that exists is kept either way.
 */
export async function initCommand(options: { dir: string; force?: boolean }): Promise<number> {
  const dir = options.dir;
  const found = existsSync(dir) ? existing(dir) : [];
  if (found.length > 0 && !options.force) {
    fail(`${dir} already holds a lookout project or definitions; init wrote nothing. Found:`);
    for (const f of found) fail(`  ${f}`);
    fail('Edit those files, or run `lookout init --force` to replace init\'s files with fresh ones (other modules under slo/, rules/ and dashboards/ stay, and are loaded too).');
    return EXIT.problems;
  }
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = { ...SCAFFOLD, 'tsconfig.json': scaffoldTsconfig({ nodeTypes: hasNodeTypes(dir) }) };
  const written: string[] = [];
  let keptTsconfig = false;
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (rel === 'tsconfig.json' && existsSync(file)) {
      keptTsconfig = true;
      continue;
    }
    const replaced = existsSync(file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    written.push(`${replaced ? 'replaced' : 'created '} ${rel}`);
  }
  const pkg = await ensurePackage(dir);
  for (const line of written) info(line);
  if (pkg) info(pkg);
  if (keptTsconfig) info('kept     tsconfig.json (yours): `npx lookout doctor` says whether it suits lookout');
  if (!existsSync(path.join(dir, CONFIG_FILE))) return EXIT.problems;
  info('\nnext: npx lookout generate && npx lookout validate');
  return EXIT.ok;
}
