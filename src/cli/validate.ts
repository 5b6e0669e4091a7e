import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_DIR } from '../compiler/discover.js';
import { checkFragment } from '../compiler/alertmanagerCheck.js';
import { AMTOOL, missingToolMessage, PROMTOOL, runTool, type Tool, type ToolRun } from '../compiler/tools.js';
import { EXIT, fail, info } from './output.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function yamlFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((f) => f.endsWith('.yml')).sort().map((f) => path.join(dir, f));
}

/**
 * Runs the real tools over generated/: `promtool check rules` on every rule file, then
 * `promtool test rules` on every test file in one call (promtool's cost is per evaluation
 * step, so one process for all files is the fast way), and `amtool check-config` on each
 * Alertmanager fragment.
 */
export async function validateCommand(options: { project: string }): Promise<number> {
  const root = options.project;
  const out = path.join(root, GENERATED_DIR);
  const rules = await yamlFiles(path.join(out, 'prometheus', 'rules'));
  const tests = await yamlFiles(path.join(out, 'prometheus', 'tests'));
  if (rules.length === 0) {
    fail(`no rule files under ${path.relative(process.cwd(), out) || '.'}/prometheus/rules: run \`lookout generate\` first.`);
    return EXIT.problems;
  }
  const rel = (files: string[]) => files.map((f) => path.relative(root, f));
  /** One tool call: what to print, the tool (for its install hint), how many files, and the call. */
  type Step = { tool: Tool; what: string; files: number; run: () => Promise<ToolRun> };
  const promtool = (what: string, args: string[], files: string[]): Step => ({
    tool: PROMTOOL,
    what,
    files: files.length,
    run: () => runTool(PROMTOOL, [...args, ...rel(files)], root),
  });
  const steps: Step[] = [promtool('promtool check rules', ['check', 'rules'], rules)];
  if (tests.length > 0) steps.push(promtool('promtool test rules', ['test', 'rules'], tests));
  const config = path.join(out, 'prometheus', 'prometheus.yml');
  if (existsSync(config)) steps.push(promtool('promtool check config', ['check', 'config'], [config]));
  // Each Alertmanager fragment is checked inside a minimal config, one amtool call per file.
  for (const fragment of await yamlFiles(path.join(out, 'alertmanager'))) {
    steps.push({
      tool: AMTOOL,
      what: `amtool check-config (${path.relative(root, fragment)})`,
      files: 1,
      run: () => checkFragment(fragment, (wrapped) => runTool(AMTOOL, ['check-config', wrapped], root)),
    });
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
    if (run.ok) info(`ok   ${step.what} (${plural(step.files, 'file')}, ${seconds}s)`);
    else {
      failed = true;
      fail(`FAIL ${step.what} (exit ${run.exitCode}):\n$ ${run.command}\n${run.output}`);
    }
  }
  return failed ? EXIT.problems : EXIT.ok;
}
