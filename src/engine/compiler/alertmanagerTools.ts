import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { RouteTestCase } from './routing.js';
import { AMTOOL, mapConcurrent, runTool, toolParallelism, type ToolRun } from './tools.js';

/** `name="value"`, quoted as amtool's label arguments are parsed. */
function labelArg(name: string, value: string): string {
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Reads generated/alertmanager/routes.test.yml. */
export function readRouteTests(file: string): RouteTestCase[] {
  const parsed = parse(readFileSync(file, 'utf8')) as { tests?: RouteTestCase[] } | null;
  return parsed?.tests ?? [];
}

/** What one amtool run over several cases found: the first tool run that failed to start, each failed case, and how many amtool runs it took. */
export interface CasesRun {
  missing?: ToolRun;
  failures: string[];
  runs?: number;
}

/** One matcher as lookout writes them, one per list entry: `name="value"`, `name=~"re"`... */
const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^",{}\s]*)\s*$/;

interface RouteNode {
  matchers?: string[];
  match?: Record<string, string>;
  match_re?: Record<string, string>;
  routes?: RouteNode[];
}

/**
 * What the routes compare a label with: the values of its `=` and `!=` matchers, or `regex`
 * when a regex matcher reads it too (or a value holds an escape), so that only equal values
 * are known to match alike.
 */
export interface LabelMatchers {
  values: Set<string>;
  regex: boolean;
}

/**
 * The labels the routes of the config match on, and what with; undefined when a matcher is in
 * a form this does not read (several in one entry), and so could name any label.
 */
export function routingMatchers(configFile: string): Map<string, LabelMatchers> | undefined {
  const config = parse(readFileSync(configFile, 'utf8')) as { route?: RouteNode } | null;
  const labels = new Map<string, LabelMatchers>();
  let unread = false;
  /** `value` undefined: not known exactly, so only equal values match alike. */
  const add = (name: string, value: string | undefined) => {
    const m = labels.get(name) ?? { values: new Set<string>(), regex: false };
    labels.set(name, m);
    if (value === undefined) m.regex = true;
    else m.values.add(value);
  };
  const visit = (r: RouteNode): void => {
    for (const text of r.matchers ?? []) {
      const hit = MATCHER.exec(text);
      if (!hit) unread = true;
      // A quoted value with escapes is not unquoted here: Alertmanager's escapes are its own.
      else if (hit[2] === '=~' || hit[2] === '!~' || hit[3]!.includes('\\')) add(hit[1]!, undefined);
      else add(hit[1]!, hit[3]!.startsWith('"') ? hit[3]!.slice(1, -1) : hit[3]!);
    }
    for (const [k, v] of Object.entries(r.match ?? {})) add(k, String(v));
    for (const k of Object.keys(r.match_re ?? {})) add(k, undefined);
    for (const child of r.routes ?? []) visit(child);
  };
  if (config?.route) visit(config.route);
  return unread ? undefined : labels;
}

/**
 * Cases that must route alike, by case index. Alertmanager picks receivers by the route
 * matchers alone, so two cases get the same answer from amtool when they expect the same
 * receivers and, for every label a matcher reads, both lack it, or hold the same value, or
 * (for a label read only by `=` and `!=`) both hold values no matcher names. Without
 * `matchers`, each case is its own class.
 */
export function routeClasses(cases: readonly RouteTestCase[], matchers: ReadonlyMap<string, LabelMatchers> | undefined): number[][] {
  const read = [...(matchers ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
  const classes = new Map<string, number[]>();
  cases.forEach((c, i) => {
    const values = read.map(([name, m]) => {
      const v = c.labels[name];
      if (v === undefined) return 0;
      return m.regex || m.values.has(v) ? `=${v}` : 1;
    });
    const key = matchers ? JSON.stringify([values, c.receivers]) : String(i);
    const members = classes.get(key);
    if (members) members.push(i);
    else classes.set(key, [i]);
  });
  return [...classes.values()];
}

function routeTest(configFile: string, c: RouteTestCase): Promise<ToolRun> {
  const args = ['config', 'routes', 'test', `--config.file=${configFile}`, `--verify.receivers=${c.receivers.join(',')}`, ...Object.entries(c.labels).map(([k, v]) => labelArg(k, v))];
  return runTool(AMTOOL, args, path.dirname(configFile));
}

/**
 * Runs the route tests through `amtool config routes test --verify.receivers`, which exits 1
 * when Alertmanager's own routing sends the labels elsewhere: one case of each class that must
 * route alike (routeClasses), `parallelism` at a time. A class whose case failed has every
 * case run, so each failure is reported with its own labels and command, in the cases' order.
 */
export async function runRouteTests(configFile: string, cases: readonly RouteTestCase[], parallelism = toolParallelism()): Promise<CasesRun> {
  const classes = routeClasses(cases, routingMatchers(configFile));
  const first = await mapConcurrent(classes, parallelism, (members) => routeTest(configFile, cases[members[0]!]!));
  const results = new Map<number, ToolRun>(classes.map((members, k) => [members[0]!, first[k]!]));
  const rest = classes.filter((_, k) => !first[k]!.ok && !first[k]!.missing).flatMap((members) => members.slice(1));
  const again = await mapConcurrent(rest, parallelism, (i) => routeTest(configFile, cases[i]!));
  rest.forEach((i, k) => results.set(i, again[k]!));
  const runs = classes.length + rest.length;
  const failures: string[] = [];
  for (const [i, c] of cases.entries()) {
    const run = results.get(i);
    if (!run || run.ok) continue;
    if (run.missing) return { missing: run, failures, runs };
    const got = run.output.split('\n').find((l) => l.trim() && !l.startsWith('Warning') && !l.startsWith('WARNING')) ?? '';
    failures.push(`${c.name} (${c.from}): expected ${c.receivers.join(',')}, Alertmanager routes it to ${got.trim() || '?'}\n  $ ${run.command}`);
  }
  return { failures, runs };
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
 * fails here rather than in the first real notification. `parallelism` renders at a time;
 * failures in the fields' order.
 */
export async function renderTemplates(configFile: string, fields: readonly string[], parallelism = toolParallelism()): Promise<CasesRun> {
  const config = parse(readFileSync(configFile, 'utf8')) as { templates?: string[] };
  const dir = path.dirname(configFile);
  const globs = (config.templates ?? []).map((g) => (path.isAbsolute(g) ? g : path.join(dir, g)));
  const runs = await mapConcurrent(fields, parallelism, (text) => runTool(AMTOOL, ['template', 'render', ...globs.map((g) => `--template.glob=${g}`), `--template.text=${text}`], dir));
  const failures: string[] = [];
  for (const [k, run] of runs.entries()) {
    if (run.missing) return { missing: run, failures };
    if (!run.ok) failures.push(`${fields[k]}: ${run.output.trim()}`);
  }
  return { failures, runs: runs.length };
}

