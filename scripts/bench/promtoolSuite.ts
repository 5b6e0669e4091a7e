import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { binaryOf, PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';

/**
 * Times a generated promtool suite the way `lookout validate` runs it: `promtool test rules`
 * over every test file in one call, from the project root. Best of several runs, since other
 * work on the machine only ever adds time; then, if asked, each file alone once, whose sum
 * against the one call shows what batching saves (one process start and rule load per file).
 */

/** What a suite holds: the denominators of its per-unit figures. */
export interface SuiteShape {
  testFiles: number;
  /** Test cases (`tests:` entries) over all files. */
  testCases: number;
  /** The rule files the tests load, each counted once. */
  ruleFiles: number;
  /** Alerting rules in those rule files. */
  alertRules: number;
}

interface TestFile {
  rule_files?: string[];
  tests?: unknown[];
}
interface RuleFile {
  groups?: Array<{ rules?: Array<{ alert?: string }> }>;
}

/** The test files under `testsDir`, sorted, and what they hold. */
export function suiteShape(testsDir: string): { files: string[]; shape: SuiteShape } {
  const files = readdirSync(testsDir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(testsDir, f));
  const ruleFiles = new Set<string>();
  let testCases = 0;
  for (const f of files) {
    const doc = (parse(readFileSync(f, 'utf8')) ?? {}) as TestFile;
    testCases += doc.tests?.length ?? 0;
    // promtool resolves rule_files against the test file's folder.
    for (const r of doc.rule_files ?? []) ruleFiles.add(path.resolve(path.dirname(f), r));
  }
  let alertRules = 0;
  for (const r of ruleFiles) {
    const doc = (parse(readFileSync(r, 'utf8')) ?? {}) as RuleFile;
    for (const g of doc.groups ?? []) alertRules += (g.rules ?? []).filter((rule) => rule.alert !== undefined).length;
  }
  return { files, shape: { testFiles: files.length, testCases, ruleFiles: ruleFiles.size, alertRules } };
}

export interface PromtoolSuiteResult {
  /** What the suite is, for the summary: `reference`, `1000 synthetic alerts`. */
  name: string;
  /** The call, as run from `cwd` (the files spelled as a glob). */
  command: string;
  cwd: string;
  promtool: string;
  shape: SuiteShape;
  /** Wall seconds of each one-call run, in the order run. */
  runSeconds: number[];
  bestSeconds: number;
  medianSeconds: number;
  /** bestSeconds per test file, test case and alert rule, in milliseconds. */
  perTestFileMs: number;
  perTestCaseMs: number;
  perAlertMs: number;
  /** Each file in its own call, once. */
  separate?: {
    files: Array<{ file: string; seconds: number }>;
    totalSeconds: number;
    /** bestSeconds / totalSeconds: under 1 when one call beats a call per file. */
    oneCallOverSeparate: number;
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function timedRun(files: string[], cwd: string): Promise<{ seconds: number }> {
  const rel = files.map((f) => path.relative(cwd, f));
  const t = performance.now();
  const run = await runTool(PROMTOOL, ['test', 'rules', ...rel], cwd);
  const seconds = (performance.now() - t) / 1000;
  if (run.missing) throw new Error(`promtool was not found (looked for "${binaryOf(PROMTOOL)}"); install it with: ${PROMTOOL.install}`);
  if (!run.ok) throw new Error(`promtool test rules failed (exit ${run.exitCode}) in ${cwd}:\n$ ${run.command}\n${run.output.slice(-3000)}`);
  return { seconds };
}

/**
 * Runs `promtool test rules` over every test file under `root`/generated/prometheus/tests in
 * one call `runs` times, then (with `perFile`) each file alone once. Any failing run throws:
 * a failing suite's time means nothing.
 */
export async function timePromtoolSuite(o: { name: string; root: string; runs: number; perFile: boolean; log: (msg: string) => void }): Promise<PromtoolSuiteResult> {
  const testsDir = path.join(o.root, 'generated/prometheus/tests');
  const { files, shape } = suiteShape(testsDir);
  if (files.length === 0) throw new Error(`no promtool test files under ${testsDir}: run \`lookout generate\` first`);
  const runSeconds: number[] = [];
  for (let i = 1; i <= o.runs; i++) {
    const r = await timedRun(files, o.root);
    runSeconds.push(r.seconds);
    o.log(`promtool ${o.name}: run ${i}/${o.runs}, ${shape.testFiles} files in one call: ${r.seconds.toFixed(2)} s`);
  }
  const bestSeconds = Math.min(...runSeconds);
  const result: PromtoolSuiteResult = {
    name: o.name,
    command: `${binaryOf(PROMTOOL)} test rules ${path.relative(o.root, testsDir)}/*.yml`,
    cwd: o.root,
    promtool: binaryOf(PROMTOOL),
    shape,
    runSeconds,
    bestSeconds,
    medianSeconds: median(runSeconds),
    perTestFileMs: (1000 * bestSeconds) / shape.testFiles,
    perTestCaseMs: (1000 * bestSeconds) / Math.max(1, shape.testCases),
    perAlertMs: (1000 * bestSeconds) / Math.max(1, shape.alertRules),
  };
  if (o.perFile) {
    const each: Array<{ file: string; seconds: number }> = [];
    for (const f of files) each.push({ file: path.relative(o.root, f), seconds: (await timedRun([f], o.root)).seconds });
    const totalSeconds = each.reduce((a, e) => a + e.seconds, 0);
    result.separate = { files: each, totalSeconds, oneCallOverSeparate: bestSeconds / totalSeconds };
    o.log(`promtool ${o.name}: each file alone, ${files.length} calls: ${totalSeconds.toFixed(2)} s in all`);
  }
  return result;
}
