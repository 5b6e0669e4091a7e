import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../toolkit/diagnostics/diagnostic.js';
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
