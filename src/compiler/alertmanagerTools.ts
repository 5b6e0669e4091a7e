import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { RouteTestCase } from './routing.js';
import { AMTOOL, runTool, type ToolRun } from './tools.js';

/** `name="value"`, quoted as amtool's label arguments are parsed. */
function labelArg(name: string, value: string): string {
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Reads generated/alertmanager/routes.test.yml. */
export function readRouteTests(file: string): RouteTestCase[] {
  const parsed = parse(readFileSync(file, 'utf8')) as { tests?: RouteTestCase[] } | null;
  return parsed?.tests ?? [];
}

/** What one amtool run over several cases found: the first tool run that failed to start, and each failed case. */
export interface CasesRun {
  missing?: ToolRun;
  failures: string[];
}

/**
 * Runs every route test through `amtool config routes test --verify.receivers`, which exits
 * 1 when Alertmanager's own routing sends the labels elsewhere.
 */
export async function runRouteTests(configFile: string, cases: readonly RouteTestCase[]): Promise<CasesRun> {
  const failures: string[] = [];
  for (const c of cases) {
    const args = ['config', 'routes', 'test', `--config.file=${configFile}`, `--verify.receivers=${c.receivers.join(',')}`, ...Object.entries(c.labels).map(([k, v]) => labelArg(k, v))];
    const run = await runTool(AMTOOL, args, path.dirname(configFile));
    if (run.missing) return { missing: run, failures };
    if (!run.ok) {
      const got = run.output.split('\n').find((l) => l.trim() && !l.startsWith('Warning') && !l.startsWith('WARNING')) ?? '';
      failures.push(`${c.name} (${c.from}): expected ${c.receivers.join(',')}, Alertmanager routes it to ${got.trim() || '?'}\n  $ ${run.command}`);
    }
  }
  return { failures };
}

/** Every distinct templated text in the receivers of an Alertmanager config. */
export function templatedFields(configFile: string): string[] {
  const config = parse(readFileSync(configFile, 'utf8')) as { receivers?: unknown[] };
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('{{')) out.add(v);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(config.receivers ?? []);
  return [...out].sort();
}

/**
 * Renders each templated receiver field with `amtool template render` over the config's
 * template files and amtool's sample alerts: a missing template or a bad field reference
 * fails here rather than in the first real notification.
 */
export async function renderTemplates(configFile: string, fields: readonly string[]): Promise<CasesRun> {
  const config = parse(readFileSync(configFile, 'utf8')) as { templates?: string[] };
  const dir = path.dirname(configFile);
  const globs = (config.templates ?? []).map((g) => (path.isAbsolute(g) ? g : path.join(dir, g)));
  const failures: string[] = [];
  for (const text of fields) {
    const args = ['template', 'render', ...globs.map((g) => `--template.glob=${g}`), `--template.text=${text}`];
    const run = await runTool(AMTOOL, args, dir);
    if (run.missing) return { missing: run, failures };
    if (!run.ok) failures.push(`${text}: ${run.output.trim()}`);
  }
  return { failures };
}

