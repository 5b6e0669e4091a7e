import { existsSync } from 'node:fs';
import path from 'node:path';
import { generateCommand } from '../../src/cli/generate.js';
import { inProcess, type CommandRun } from '../cli/lookout.js';
import { makeProject, snapshot } from '../compiler/project.js';

/** A rules module that compiles: the project around a broken module still has work to do. */
export const GOOD_RULES = `import { alert, ruleGroup } from 'lookout'; import { max } from 'lookout/promql';
import { shop } from '../metrics.js';

export default ruleGroup({
  name: 'shop',
  rules: [
    alert({
      name: 'ShopQueueDeep',
      expr: max(shop.metrics.queue).gt(100),
      for: '5m',
      severity: 'ticket',
      summary: 'Orders are waiting.',
      description: ({ value }) => \`\${value.humanize()} orders wait.\`,
    }),
  ],
});
`;

/** A project with the good rules, `files`, and a generated/ that a failed run must leave alone. */
export function brokenProject(files: Record<string, string>): string {
  return makeProject({ 'rules/shop.ts': GOOD_RULES, 'generated/prometheus/rules/old.rules.yml': '# from an earlier run\n', ...files });
}

/** `lookout generate --no-cache` on `dir`, as main.ts runs it, with generated/ before and after. */
export async function generateIn(dir: string): Promise<CommandRun & { untouched: boolean }> {
  const out = path.join(dir, 'generated');
  const files = () => (existsSync(out) ? snapshot(out) : {});
  const before = files();
  const run = await inProcess(() => generateCommand({ project: dir, cache: false }));
  return { ...run, untouched: JSON.stringify(files()) === JSON.stringify(before) };
}

/** The error lines of a run: `file:line:col: error code: message`. */
export function errorLines(run: CommandRun): string[] {
  return run.stderr.split('\n').filter((l) => / error [\w/-]+: /.test(l));
}
