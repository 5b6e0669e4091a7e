import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SCAFFOLD } from '../compiler/scaffold.js';
import { EXIT, fail, info } from './output.js';

/** Definition modules use ESM imports; a package.json without "type" would load them as CommonJS. */
async function ensureModulePackage(dir: string): Promise<string | undefined> {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) {
    await writeFile(file, `${JSON.stringify({ name: path.basename(dir), private: true, type: 'module' }, null, 2)}\n`);
    return 'created package.json';
  }
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    fail(`package.json in ${dir} is not valid JSON; fix it and run lookout init again.`);
    return undefined;
  }
  if (pkg.type === 'module') return undefined;
  if (pkg.type !== undefined) {
    fail(`package.json has "type": ${JSON.stringify(pkg.type)}; lookout definitions are ES modules, so set "type": "module".`);
    return undefined;
  }
  pkg.type = 'module';
  await writeFile(file, `${JSON.stringify(pkg, null, 2)}\n`);
  return 'updated package.json ("type": "module")';
}

/** Writes a minimal project into `dir`, never overwriting a file that exists. */
export async function initCommand(options: { dir: string }): Promise<number> {
  const dir = options.dir;
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const skipped: string[] = [];
  for (const [rel, content] of Object.entries(SCAFFOLD)) {
    const file = path.join(dir, rel);
    if (existsSync(file)) {
      skipped.push(rel);
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    written.push(rel);
  }
  const pkg = await ensureModulePackage(dir);
  for (const f of written) info(`created ${f}`);
  if (pkg) info(pkg);
  for (const f of skipped) info(`kept    ${f} (already exists)`);
  if (!existsSync(path.join(dir, 'lookout.config.ts'))) return EXIT.problems;
  info('\nnext: npx lookout generate && npx lookout validate');
  return EXIT.ok;
}
