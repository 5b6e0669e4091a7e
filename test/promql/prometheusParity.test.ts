import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import type { ValueType } from '../../src/library/promql/ast.js';
import { newerThanPrometheus } from '../../src/library/queries/checks/newerThanPrometheus.js';
import { argumentRange, FUNCTION_SIGNATURES } from '../../src/library/promql/functionSignatures.js';
import { parsePromQL } from '../../src/library/promql/parse.js';
import { TIMEOUT } from '../support/timeouts.js';
import { prometheusBuiltins } from '../../src/library/catalog/builtin.js';
import { MetricIndex } from '../../src/library/catalog/metricIndex.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

/**
 * lookout refuses exactly the calls, aggregations and durations the installed promtool
 * refuses: every function of the signature table at, below and above its argument counts and
 * with each argument of a wrong type, every aggregation with zero to three arguments and
 * wrongly typed ones, zero and tiny durations. All go to one
 * `promtool check rules` run, which reports every rule it cannot parse.
 */
const ARGUMENT: Record<ValueType, string> = { vector: 'x', matrix: 'x[5m]', scalar: '1', string: '"a"' };

function call(func: string, types: readonly ValueType[], count: number): string {
  const args = Array.from({ length: count }, (_, i) => ARGUMENT[types[Math.min(i, types.length - 1)] ?? 'vector']);
  return `${func}(${args.join(', ')})`;
}

function functionCases(): string[] {
  const out: string[] = [];
  for (const [func, sig] of FUNCTION_SIGNATURES) {
    // Prometheus 3's grammar cannot parse holt_winters (renamed in 3.0): lookout refuses it as unknown.
    if (func === 'holt_winters') continue;
    const { min, max } = argumentRange(sig);
    const counts = new Set([min - 1, min, Number.isFinite(max) ? max : min + 2, Number.isFinite(max) ? max + 1 : -1].filter((n) => n >= 0));
    for (const n of counts) out.push(call(func, sig.args, n));
  }
  return out;
}

/** A value of another type than the one named, for each type. */
const WRONG: Record<ValueType, string> = { vector: 'x[5m]', matrix: 'x', scalar: '"a"', string: '1' };

/** Each function at its fewest (or, taking none, no) arguments, with one of the wrong type. */
function typeCases(): string[] {
  const out: string[] = [];
  for (const [func, sig] of FUNCTION_SIGNATURES) {
    if (func === 'holt_winters') continue;
    const n = Math.max(argumentRange(sig).min, Math.min(1, sig.args.length));
    for (let bad = 0; bad < n; bad++) {
      const args = Array.from({ length: n }, (_, i) => (i === bad ? WRONG : ARGUMENT)[sig.args[Math.min(i, sig.args.length - 1)]!]);
      out.push(`${func}(${args.join(', ')})`);
    }
  }
  return out;
}

const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio'];
function aggregationCases(): string[] {
  return AGGREGATIONS.flatMap((op) => {
    const param = op === 'count_values' ? '"a"' : '1';
    const wrongParam = op === 'count_values' ? '1' : '"a"';
    return [`${op}()`, `${op}(x)`, `${op}(${param}, x)`, `${op}(${param}, x, x)`, `${op}(${param}, x[5m])`, `${op}(${wrongParam}, x)`];
  });
}

const DURATIONS = ['x[0s]', 'x[0ms]', 'x[1ms]', 'x[1m:0s]', 'x[0s:1m]', 'x[0m:]', 'x[5m:]', 'x[1m:1ms]', 'x offset 0s', 'x offset -0s', 'x offset -5m', 'x[1m] offset 0s', 'x[1m:1m] offset 0s'];

const CASES = [...functionCases(), ...typeCases(), ...aggregationCases(), ...DURATIONS];

/** What lookout says of a query: undefined when it accepts it. */
function lookoutRefusal(query: string): string | undefined {
  const parsed = parsePromQL(query);
  if (!parsed.ok) return parsed.error.message;
  const ctx = { expr: parsed.expr, text: query, index: new MetricIndex([prometheusBuiltins]), scrapeIntervalMs: 15_000, evaluationIntervalMs: 60_000, path: 'X.expr', semantics: goSemantics };
  return newerThanPrometheus.run(ctx)[0]?.message;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** promtool's complaint about each case, by its index; undefined when it accepts it. */
const promtool = new Map<number, string>();
beforeAll(async () => {
  const rules = CASES.map((expr, i) => ({ record: `case:n:${i}`, expr }));
  writeFileSync(path.join(dir, 'cases.yml'), stringify({ groups: [{ name: 'cases', rules }] }));
  const run = await runTool(PROMTOOL, ['check', 'rules', 'cases.yml'], dir);
  for (const m of run.output.matchAll(/rule (\d+), "[^"]*": (.*)/g)) {
    promtool.set(Number(m[1]) - 1, m[2]!.replace(/^could not parse expression: \d+:\d+: parse error: /, ''));
  }
  // A sanity check that the output was read at all: some cases must be refused.
  expect(promtool.size).toBeGreaterThan(50);
}, TIMEOUT.tools);

describe('lookout refuses exactly what promtool refuses', () => {
  it.each(CASES.map((query, i) => [query, i] as const))('%s', (query, i) => {
    const theirs = promtool.get(i);
    const ours = lookoutRefusal(query);
    expect({ refused: ours !== undefined }).toEqual({ refused: theirs !== undefined });
    // A function 2.42 does not know is refused for that (by promtool, for any count); the rest
    // with promtool's own words.
    if (theirs && !/^unknown function|^unexpected/.test(theirs)) expect(ours).toBe(theirs);
  });
});
