import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { relative } from './paths.js';

/** Folders whose TypeScript modules hold definitions, relative to the project root. */
export const DEFINITION_DIRS = ['slo', 'rules', 'dashboards'] as const;

export const CONFIG_FILE = 'lookout.config.ts';
export const GENERATED_DIR = 'generated';
/** The dashboards' folder inside generated/: what push, check-queries and preview read by default. */
export const DASHBOARDS_SUBDIR = 'grafana/dashboards';
/** The project folder of runbook templates: layout.hbs, partials/*.hbs, alerts/<slug>.md|.hbs. */
export const RUNBOOKS_DIR = 'runbooks';

export interface ProjectFiles {
  root: string;
  config: string;
  /** Absolute paths of definition modules, sorted for a stable order. */
  modules: string[];
  tsconfig?: string | undefined;
}

async function walk(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...(await walk(full)));
    } else if (/\.m?ts$/.test(entry.name) && !/\.d\.m?ts$/.test(entry.name) && !/\.test\.m?ts$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** Finds the config and the definition modules of the project at `root`. */
export async function discover(root: string): Promise<ProjectFiles | { missing: string }> {
  const config = path.join(root, CONFIG_FILE);
  if (!existsSync(config)) return { missing: config };
  const modules = (await Promise.all(DEFINITION_DIRS.map((d) => walk(path.join(root, d))))).flat().sort();
  const tsconfig = path.join(root, 'tsconfig.json');
  return { root, config, modules, tsconfig: existsSync(tsconfig) ? tsconfig : undefined };
}

/** The diagnostic for a folder without lookout.config.ts. */
export function missingConfig(root: string, missing: string): Diagnostic {
  return {
    code: 'load/config',
    severity: 'error',
    file: relative(root, missing),
    path: '',
    message: `no lookout.config.ts in ${root}`,
    hint: 'run `lookout init` to create a project, or pass --project DIR',
  };
}

/** What each definition kind is made with, and the folder its modules belong in. */
const DEFINED_WITH: Record<string, { kind: string; dir: string }> = {
  ruleGroup: { kind: 'a rule group', dir: 'rules' },
  defineRouting: { kind: 'the Alertmanager routing', dir: 'rules' },
  defineSLO: { kind: 'an SLO', dir: 'slo' },
  defineDashboard: { kind: 'a dashboard', dir: 'dashboards' },
};
const EXPORTED_DEFINITION = new RegExp(`^export\\s+(?:default\\s+|const\\s+\\w+\\s*(?::[^=]*)?=\\s*)(${Object.keys(DEFINED_WITH).join('|')})\\s*\\(`, 'm');
const IMPORTS_LOOKOUT = /^import\s[^;]*?\bfrom\s*['"]lookout['"]/m;
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
/** Folders that hold no definitions of this project: tests and their fixtures, builds, tooling. */
const NOT_SEARCHED = new Set(['node_modules', GENERATED_DIR, RUNBOOKS_DIR, 'dist', 'test', 'tests', '__tests__', 'fixtures']);

/** The TypeScript files a module's relative imports name (`./x.js` is `./x.ts`, as TypeScript resolves it). */
function importedFiles(file: string, text: string): string[] {
  const out: string[] = [];
  for (const [, spec] of text.matchAll(RELATIVE_IMPORT)) {
    const target = path.resolve(path.dirname(file), spec!);
    out.push(target.replace(/\.(m?)js$/, '.$1ts'), `${target}.ts`, path.join(target, 'index.ts'));
  }
  return out;
}

/**
 * Modules of the project outside the definition folders, outside other projects nested in it.
 * Synchronous: a project that is also the service holds hundreds of folders, and awaiting each
 * listing costs more than the listing.
 */
function otherModules(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || NOT_SEARCHED.has(entry.name)) continue;
      if (dir === root && (DEFINITION_DIRS as readonly string[]).includes(entry.name)) continue;
      if (existsSync(path.join(full, CONFIG_FILE)) || existsSync(path.join(full, 'package.json'))) continue;
      out.push(...otherModules(root, full));
    } else if (/\.m?ts$/.test(entry.name) && !/\.d\.m?ts$/.test(entry.name) && !/\.(test|spec)\.m?ts$/.test(entry.name) && full !== path.join(root, CONFIG_FILE)) {
      out.push(full);
    }
  }
  return out;
}

/**
 * A warning for each module outside slo/, rules/ and dashboards/ that exports a definition made
 * with lookout and that nothing imports: `lookout generate` never loads it, and without a word
 * its alerts would be missing from generated/. Read as text, not loaded: a regular expression
 * over each file is cheap next to a generate, and a helper that builds definitions without
 * exporting them, or a module a definition imports, is left alone.
 */
export async function ignoredDefinitionModules(files: ProjectFiles): Promise<Diagnostic[]> {
  const others = otherModules(files.root, files.root);
  const texts = new Map<string, string>();
  const candidates: { file: string; ctor: string; line: number }[] = [];
  for (const file of others) {
    const text = readFileSync(file, 'utf8');
    texts.set(file, text);
    const match = text.includes('lookout') && IMPORTS_LOOKOUT.test(text) ? EXPORTED_DEFINITION.exec(text) : null;
    if (match) candidates.push({ file, ctor: match[1]!, line: text.slice(0, match.index).split('\n').length });
  }
  // Almost always none: the imports are only followed when there is a module to judge.
  if (candidates.length === 0) return [];
  const imported = new Set<string>();
  for (const file of [files.config, ...files.modules]) {
    try {
      texts.set(file, readFileSync(file, 'utf8'));
    } catch {
      // Reported by the type check and the loader.
    }
  }
  for (const [file, text] of texts) for (const f of importedFiles(file, text)) imported.add(f);
  return candidates
    .filter((c) => !imported.has(c.file))
    .map(({ file, ctor, line }) => {
      const { kind, dir } = DEFINED_WITH[ctor]!;
      const rel = relative(files.root, file);
      return {
        code: 'load/ignored-module',
        severity: 'warning' as const,
        file: rel,
        line,
        column: 1,
        path: '',
        message: `${rel} exports ${kind} (${ctor}) but is outside ${DEFINITION_DIRS.map((d) => `${d}/`).join(', ')}: lookout generate does not load it`,
        hint: `move it under ${dir}/, or import it from a module there`,
      };
    });
}
