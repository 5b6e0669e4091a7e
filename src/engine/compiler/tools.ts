import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { parseDuration } from '../../library/duration.js';

/** A Prometheus-ecosystem binary lookout runs, and how to get it. */
export interface Tool {
  name: string;
  /** Environment variable that overrides the binary's path. */
  env: string;
  defaultBinary: string;
  install: string;
}

export const PROMTOOL: Tool = {
  name: 'promtool',
  env: 'LOOKOUT_PROMTOOL',
  defaultBinary: 'promtool',
  install: 'apt-get install -y --no-install-recommends prometheus',
};

export const AMTOOL: Tool = {
  name: 'amtool',
  env: 'LOOKOUT_AMTOOL',
  defaultBinary: 'amtool',
  install: 'apt-get install -y --no-install-recommends prometheus-alertmanager',
};

export interface ToolRun {
  ok: boolean;
  /** The tool was not found at all. */
  missing: boolean;
  exitCode: number | undefined;
  output: string;
  command: string;
}

export function binaryOf(tool: Tool): string {
  return process.env[tool.env] || tool.defaultBinary;
}

/** Runs a tool without throwing: a missing binary is reported as such, with how to install it. */
export async function runTool(tool: Tool, args: readonly string[], cwd: string): Promise<ToolRun> {
  const bin = binaryOf(tool);
  const command = [bin, ...args].join(' ');
  const result = await execa(bin, args, { cwd, reject: false, all: true, stdin: 'ignore' });
  const missing = (result as { code?: string }).code === 'ENOENT';
  return { ok: result.exitCode === 0, missing, exitCode: result.exitCode, output: result.all ?? '', command };
}

export function missingToolMessage(tool: Tool): string {
  return `${tool.name} was not found (looked for "${binaryOf(tool)}"). Install it with:\n  ${tool.install}\nor set ${tool.env} to its path.`;
}

/** How many tool processes validate runs at once: one per core this process may use. */
export function toolParallelism(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * Calls `fn` on every item, at most `limit` at a time, and returns the results in the items'
 * order. `startOrder` (item indexes) says which to start first: the longest, so that the last
 * one to finish does not start last.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, startOrder?: readonly number[]): Promise<R[]> {
  const order = startOrder ?? items.map((_, i) => i);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const i = order[next++]!;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, order.length)) }, worker));
  return results;
}

/**
 * Splits items with these weights into at most `count` batches of consecutive items, each
 * about an equal share of the total weight: consecutive, so that the batches' outputs put
 * side by side are in the items' order. Returns each batch's item indexes.
 */
export function consecutiveBatches(weights: readonly number[], count: number): number[][] {
  const total = weights.reduce((a, w) => a + w, 0);
  const batches: number[][] = [];
  let current: number[] = [];
  let sum = 0;
  weights.forEach((w, i) => {
    current.push(i);
    sum += w;
    // Close the batch once the weight so far reaches its share of the whole.
    if (sum >= (total * (batches.length + 1)) / count && batches.length < count - 1) {
      batches.push(current);
      current = [];
    }
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Batches per core: more than one, so that a batch whose weight was misjudged does not leave
 * the other cores idle at the end; few, since each is one more start of the tool.
 */
const BATCHES_PER_CORE = 3;

/**
 * Runs `tool args files...` as if in one call, but in batches of consecutive files run side by
 * side, one per core, balanced by `weights` (what each file costs the tool, in any unit). A
 * tool that handles its files one after another prints the same lines either way; the result
 * keeps that: ok only when every batch is, the exit code of the first batch that failed, and
 * the command and output of each failed batch in file order. One core: one call, as before.
 */
export async function runToolBatches(tool: Tool, args: readonly string[], files: readonly string[], weights: readonly number[], cwd: string, parallelism = toolParallelism()): Promise<ToolRun & { batches: number }> {
  const batches = parallelism > 1 ? consecutiveBatches(weights, Math.min(files.length, parallelism * BATCHES_PER_CORE)) : [files.map((_, i) => i)];
  const weightOf = (b: number[]) => b.reduce((a, i) => a + weights[i]!, 0);
  const heaviestFirst = batches.map((_, i) => i).sort((a, b) => weightOf(batches[b]!) - weightOf(batches[a]!));
  const runs = await mapConcurrent(batches, parallelism, (b) => runTool(tool, [...args, ...b.map((i) => files[i]!)], cwd), heaviestFirst);
  const missing = runs.find((r) => r.missing);
  if (missing) return { ...missing, batches: batches.length };
  const failed = runs.filter((r) => !r.ok);
  if (failed.length === 0) return { ok: true, missing: false, exitCode: 0, output: runs.map((r) => r.output).join('\n'), command: [binaryOf(tool), ...args, ...files].join(' '), batches: batches.length };
  // Printed as `$ command` then output: later failed batches follow with their own `$` line.
  return {
    ok: false,
    missing: false,
    exitCode: failed[0]!.exitCode,
    command: failed[0]!.command,
    output: [failed[0]!.output, ...failed.slice(1).map((r) => `$ ${r.command}\n${r.output}`)].join('\n'),
    batches: batches.length,
  };
}

/**
 * About what `promtool test rules` spends on a test file, in rule evaluations: promtool
 * evaluates every rule of the file's rule files at each evaluation step, from 0 to each test
 * group's last eval_time. Read from the lines rather than parsed, since a big project has
 * thousands of test files; a file that says nothing of it costs 1. `ruleCounts` caches the
 * rules per rule file across calls.
 */
export function promtoolTestCost(file: string, ruleCounts = new Map<string, number>()): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 1;
  }
  const interval = parseDuration(/^evaluation_interval:\s*"?(\w+)"?\s*$/m.exec(text)?.[1] ?? '1m') || 60_000;
  const ruleFiles = [...(/^rule_files:\n((?:[ \t]+-.*\n)+)/m.exec(text)?.[1] ?? '').matchAll(/-\s*["']?([^"'\n]+?)["']?\s*$/gm)].map((m) => path.resolve(path.dirname(file), m[1]!));
  let rules = 0;
  for (const f of ruleFiles) {
    let n = ruleCounts.get(f);
    if (n === undefined) {
      n = existsSync(f) ? (readFileSync(f, 'utf8').match(/^\s*- (record|alert):/gm) ?? []).length : 0;
      ruleCounts.set(f, n);
    }
    rules += n;
  }
  const tests = text.search(/^tests:/m);
  let steps = 0;
  for (const group of tests < 0 ? [] : text.slice(tests).split(/\n {2}- /).slice(1)) {
    let last = 0;
    for (const m of group.matchAll(/eval_time:\s*"?(\w+)"?/g)) last = Math.max(last, parseDuration(m[1]!) ?? 0);
    steps += Math.floor(last / interval) + 1;
  }
  return Math.max(1, steps) * Math.max(1, rules);
}
