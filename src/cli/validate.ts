import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_DIR } from '../engine/compiler/discover.js';
import { checkFragment } from '../engine/compiler/alertmanagerCheck.js';
import { readRouteTests, renderTemplates, runRouteTests, templatedFields, type CasesRun } from '../engine/compiler/alertmanagerTools.js';
import { ALERTMANAGER_CONFIG, ROUTE_TESTS } from '../engine/compiler/routing.js';
import { AMTOOL, missingToolMessage, PROMTOOL, promtoolTestCost, runTool, runToolBatches, type Tool, type ToolRun } from '../engine/compiler/tools.js';
import type { Diagnostic } from '../library/diagnostics/diagnostic.js';
import { generateAndReport } from './generate.js';
import { EXIT, fail, info } from './output.js';
import { untestedLines, untestedSLOs } from './untested.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function yamlFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((f) => f.endsWith('.yml')).sort().map((f) => path.join(dir, f));
}

/** A step's result, and what its ok line says besides the count: how many tool runs it took. */
type StepRun = ToolRun & { note?: string };

/** Several cases run by one tool, reported as one step: ok, or the failed cases. */
function casesRun(run: CasesRun, command: string, cases: number): StepRun {
  if (run.missing) return run.missing;
  const note = run.runs !== undefined && run.runs < cases ? plural(run.runs, 'amtool run') : undefined;
  return { ok: run.failures.length === 0, missing: false, exitCode: run.failures.length === 0 ? 0 : 1, output: run.failures.join('\n'), command, ...(note ? { note } : {}) };
}

/**
 * `lookout validate`: the definitions compile and generated/ is up to date with them
 * (`generate --check`), then the real tools accept generated/: `promtool check rules` on every
 * rule file and `promtool test rules` on every test file (each in batches of consecutive
 * files, one per core at a time, balanced by size and by evaluation steps: promtool takes its
 * files one after another, and a test's cost is per step), `promtool check config`, `amtool
 * check-config`, every route test through `amtool config routes test` and every templated
 * receiver field through `amtool template render` (a run per core at a time). Steps print in
 * this order, and a failed step shows the tool's command and its own output. Last, each SLO
 * whose tests generate could not write is named with the reason, since promtool passing says
 * nothing about alerts it never tested; `failOnUntested` makes that a failure.
 */
export async function validateCommand(options: { project: string; generatedOnly?: boolean; failOnUntested?: boolean }): Promise<number> {
  const root = options.project;
  let untested: Diagnostic[] | undefined;
  if (options.generatedOnly && options.failOnUntested) {
    fail('lookout validate: --fail-on-untested needs the definitions (generate finds the untested SLOs); it cannot be used with --generated-only.');
    return EXIT.usage;
  }
  if (!options.generatedOnly) {
    const { code, result } = await generateAndReport({ project: root, check: true });
    if (code !== EXIT.ok) return code;
    untested = untestedSLOs(result.diagnostics);
  }
  const out = path.join(root, GENERATED_DIR);
  const rules = await yamlFiles(path.join(out, 'prometheus', 'rules'));
  const tests = await yamlFiles(path.join(out, 'prometheus', 'tests'));
  if (rules.length === 0) {
    fail(`no rule files under ${path.relative(process.cwd(), out) || '.'}/prometheus/rules: run \`lookout generate\` first.`);
    return EXIT.problems;
  }
  const rel = (files: string[]) => files.map((f) => path.relative(root, f));
  /**
   * One promtool step: what to print, the call, and the files. With `weigh` (what a file costs
   * promtool), the files go in batches side by side (runToolBatches); without, in one call.
   */
  type Step = { tool: Tool; what: string; count: string; run: () => Promise<StepRun> };
  const promtool = (what: string, args: string[], files: string[], weigh?: (file: string) => number): Step => ({
    tool: PROMTOOL,
    what,
    count: plural(files.length, 'file'),
    run: async () => {
      if (!weigh) return runTool(PROMTOOL, [...args, ...rel(files)], root);
      const run = await runToolBatches(PROMTOOL, args, rel(files), files.map(weigh), root);
      return run.batches > 1 ? { ...run, note: `${run.batches} batches` } : run;
    },
  });
  const steps: Step[] = [promtool('promtool check rules', ['check', 'rules'], rules, (f) => statSync(f).size)];
  const ruleCounts = new Map<string, number>();
  if (tests.length > 0) steps.push(promtool('promtool test rules', ['test', 'rules'], tests, (f) => promtoolTestCost(f, ruleCounts)));
  const config = path.join(out, 'prometheus', 'prometheus.yml');
  if (existsSync(config)) steps.push(promtool('promtool check config', ['check', 'config'], [config]));

  const amConfig = path.join(out, ALERTMANAGER_CONFIG);
  if (existsSync(amConfig)) {
    steps.push({ tool: AMTOOL, what: `amtool check-config (${path.relative(root, amConfig)})`, count: '1 file', run: () => runTool(AMTOOL, ['check-config', amConfig], root) });
    const routeTests = path.join(out, ROUTE_TESTS);
    if (existsSync(routeTests)) {
      const cases = readRouteTests(routeTests);
      steps.push({
        tool: AMTOOL,
        what: 'amtool config routes test',
        count: plural(cases.length, 'case'),
        run: async () => casesRun(await runRouteTests(amConfig, cases), `amtool config routes test --config.file=${path.relative(root, amConfig)} (each case of ${path.relative(root, routeTests)})`, cases.length),
      });
    }
    const fields = templatedFields(amConfig);
    steps.push({
      tool: AMTOOL,
      what: 'amtool template render',
      count: plural(fields.length, 'receiver field'),
      run: async () => casesRun(await renderTemplates(amConfig, fields), 'amtool template render', fields.length),
    });
  } else {
    // Without routing, the SLO inhibitions are a fragment: checked inside a minimal config.
    for (const fragment of await yamlFiles(path.join(out, 'alertmanager'))) {
      steps.push({
        tool: AMTOOL,
        what: `amtool check-config (${path.relative(root, fragment)})`,
        count: '1 file',
        run: () => checkFragment(fragment, (wrapped) => runTool(AMTOOL, ['check-config', wrapped], root)),
      });
    }
  }
  let failed = false;
  for (const step of steps) {
    const started = Date.now();
    const run = await step.run();
    if (run.missing) {
      fail(missingToolMessage(step.tool));
      return EXIT.usage;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (run.ok) info(`ok   ${step.what} (${step.count}${run.note ? `, ${run.note}` : ''}, ${seconds}s)`);
    else {
      failed = true;
      fail(`FAIL ${step.what} (exit ${run.exitCode}):\n$ ${run.command}\n${run.output}`);
    }
  }
  if (untested && untested.length > 0) {
    const what = `${plural(untested.length, 'SLO')} without generated tests: promtool tested none of ${untested.length === 1 ? 'its' : 'their'} alerts`;
    const lines = untestedLines(untested).join('\n');
    if (options.failOnUntested) {
      failed = true;
      fail(`FAIL ${what} (--fail-on-untested):\n${lines}`);
    } else fail(`warn ${what}:\n${lines}\n  (pass --fail-on-untested to fail on this)`);
  }
  return failed ? EXIT.problems : EXIT.ok;
}
