import type { Mutation } from './mutation.js';

/**
 * Module-level misbehaviour, the same list in every kind of module: what a definition file can
 * do at import time that is no definition at all. Each is inserted after the module's imports.
 */
const BEHAVIOURS: readonly (readonly [string, string])[] = [
  ['throw-error', "if (Date.now() > 0) throw new Error('broken at import');"],
  ['throw-string', "if (Date.now() > 0) throw 'broken at import';"],
  ['throw-undefined', 'if (Date.now() > 0) throw undefined;'],
  ['throw-null', 'if (Date.now() > 0) throw null;'],
  ['throw-object', "if (Date.now() > 0) throw { reason: 'broken' };"],
  ['throw-symbol', "if (Date.now() > 0) throw Symbol('broken');"],
  ['async-throw', "void Promise.reject(new Error('broken later'));"],
  ['timer-throw', "setTimeout(() => { throw new Error('broken in a timer'); }, 0);"],
  ['process-exit-0', 'process.exit(0);'],
  ['process-exit-1', 'process.exit(1);'],
  ['spin', 'while (Date.now() > 0) {}'],
  ['unsettled-await', 'await new Promise(() => {});'],
  ['slow-await', 'await new Promise((resolve) => setTimeout(resolve, 100));'],
  ['read-missing-file', "(await import('node:fs')).readFileSync('/nonexistent/payments.json');"],
  ['env-read', "if (process.env.PAYMENTS_REGION === undefined) throw new Error('PAYMENTS_REGION is not set');"],
  ['stdout-noise', "console.log('hello from a definition'); console.error('and from stderr');"],
  ['kill-self', "process.kill(process.pid, 'SIGTERM');"],
  ['stack-overflow', 'const f = (n: number): number => f(n + 1) + 1; f(0);'],
  ['prototype-pollution', "(Object.prototype as Record<string, unknown>).kind = 'rule-group';"],
  ['exit-code', 'process.exitCode = 3;'],
];

/** The few behaviours every other kind of module gets too: a throw of a non-Error, an async throw, an exit, a spin, an await that never settles. */
const KEY_BEHAVIOURS = new Set(['throw-string', 'throw-undefined', 'async-throw', 'process-exit-0', 'spin', 'unsettled-await']);

/** Each module kind, the line its imports end with, and whether it gets every behaviour or the key ones. */
const MODULES: readonly (readonly [string, string, string, 'all' | 'key'])[] = [
  ['config', 'lookout.config.ts', "import { payments } from './metrics.js';", 'all'],
  ['rules', 'rules/processors.ts', "import { payments } from '../metrics.js';", 'all'],
  ['catalog', 'metrics.ts', "import { counter, defineMetrics, gauge, histogram } from 'lookout';", 'key'],
  ['slo', 'slo/payments.ts', "import { payments } from '../metrics.js';", 'key'],
  ['dashboard', 'dashboards/payments.ts', "import paymentsRules from '../rules/payments.js';", 'key'],
  ['routing', 'rules/routing.ts', "import { defineRouting, pagerduty, slack, webhook } from 'lookout'; import { not, re } from 'lookout/promql';", 'key'],
];

const everywhere: Mutation[] = MODULES.flatMap(([where, file, anchor, which]) =>
  BEHAVIOURS.filter(([what]) => which === 'all' || KEY_BEHAVIOURS.has(what)).map(([what, code]) => ({
    id: `module-${where}-${what}`,
    kind: 'module' as const,
    file,
    find: anchor,
    replace: `${anchor}\n${code}`,
  })),
);

/** Imports that go round in a circle, or lead nowhere. */
const imports: Mutation[] = [
  {
    id: 'module-circular-rules-dashboard',
    kind: 'module',
    file: 'rules/payments.ts',
    find: "import { payments } from '../metrics.js';",
    replace: "import { payments } from '../metrics.js';\nimport overview from '../dashboards/payments.js';\nexport const title = overview.title;",
  },
  {
    id: 'module-circular-catalog-config',
    kind: 'module',
    file: 'metrics.ts',
    find: "import { counter, defineMetrics, gauge, histogram } from 'lookout';",
    replace: "import { counter, defineMetrics, gauge, histogram } from 'lookout';\nimport project from './lookout.config.js';\nexport const projectName = project.name;",
  },
  {
    id: 'module-missing-import',
    kind: 'module',
    file: 'slo/payments.ts',
    find: "import { payments } from '../metrics.js';",
    replace: "import { payments } from '../metrics.js';\nimport { nothing } from '../nowhere.js';\nexport const n = nothing;",
  },
  {
    id: 'module-missing-package',
    kind: 'module',
    file: 'rules/processors.ts',
    find: "import { payments } from '../metrics.js';",
    replace: "import { payments } from '../metrics.js';\nimport leftPad from 'left-pad-that-is-not-installed';\nexport const pad = leftPad;",
  },
  {
    id: 'module-syntax-error',
    kind: 'module',
    file: 'rules/processors.ts',
    find: "import { payments } from '../metrics.js';",
    replace: "import { payments } from '../metrics.js';\nconst = ;",
  },
  { id: 'module-empty-rules-file', kind: 'module', file: 'rules/empty.ts', find: '', replace: '' },
  { id: 'module-js-in-ts', kind: 'module', file: 'rules/plain.ts', find: '', replace: 'module.exports = { kind: "rule-group" };\n' },
  { id: 'module-default-loose-alert', kind: 'module', file: 'rules/loose.ts', find: '', replace: "import { alert } from 'lookout';\nexport default alert({ name: 'Loose', expr: 'vector(1)', severity: 'info', summary: 'Loose.', description: 'x' });\n" },
  { id: 'module-fake-kind', kind: 'module', file: 'rules/fake.ts', find: '', replace: "export default { kind: 'rule-group', name: 'fake', rules: [{ kind: 'alert' }] };\n" },
  { id: 'module-fake-slo', kind: 'module', file: 'slo/fake.ts', find: '', replace: "export default { kind: 'slo', id: 'x' };\n" },
  { id: 'module-fake-dashboard', kind: 'module', file: 'dashboards/fake.ts', find: '', replace: "export default { kind: 'dashboard' };\n" },
  { id: 'module-fake-routing', kind: 'module', file: 'rules/fake-routing.ts', find: '', replace: "export default { kind: 'routing', receivers: 1, route: null };\n" },
];

export const MODULE: Mutation[] = [...everywhere, ...imports];
