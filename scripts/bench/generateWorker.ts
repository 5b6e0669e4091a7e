/**
 * Runs one generate timing in its own process and prints the result as JSON on stdout.
 * generate() holds the event loop for minutes on 1,000 SLOs; in a child process the
 * benchmark stays responsive to Ctrl-C and can clean up behind it.
 *
 *   node --import tsx scripts/bench/generateWorker.ts generate|phases <project dir>
 */
import { timeGenerate, timePhases } from './generateTiming.js';

export interface GenerateWorkerResult {
  totalMs: number;
  ruleFiles: number;
  recording: number;
  alerting: number;
  testFiles: number;
  artifacts: number;
  warnings: number;
}

export interface PhasesWorkerResult {
  totalMs: number;
  phases: Array<{ phase: string; ms: number }>;
}

const [mode, root] = process.argv.slice(2);
if (!root || (mode !== 'generate' && mode !== 'phases')) {
  console.error('usage: generateWorker.ts generate|phases <project dir>');
  process.exit(2);
}
if (mode === 'generate') {
  const g = await timeGenerate(root);
  const rules = [...g.artifacts].filter(([f]) => f.startsWith('prometheus/rules/')).map(([, t]) => t);
  const count = (re: RegExp) => rules.reduce((a, t) => a + (t.match(re) ?? []).length, 0);
  const result: GenerateWorkerResult = {
    totalMs: g.totalMs,
    ruleFiles: rules.length,
    recording: count(/^\s*- record:/gm),
    alerting: count(/^\s*- alert:/gm),
    testFiles: [...g.artifacts.keys()].filter((f) => f.startsWith('prometheus/tests/')).length,
    artifacts: g.artifacts.size,
    warnings: g.warnings,
  };
  console.log(JSON.stringify(result));
} else {
  const p = await timePhases(root);
  const result: PhasesWorkerResult = { totalMs: p.totalMs, phases: p.phases };
  console.log(JSON.stringify(result));
}
