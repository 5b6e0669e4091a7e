/**
 * `npm test`: everything a change must pass before it is pushed, without a live stack.
 *
 * 1. At once, two at a time (one per core): the type check, `lookout generate --check` (the
 *    committed generated/ is what the definitions give, and they give it without a single
 *    warning: here any diagnostic fails the step), `lookout validate --generated-only`
 *    (promtool and amtool accept it: the generate --check beside it makes a second generate
 *    there pointless) and `lookout lint`. None of them reads what another writes.
 * 2. The unit tests (`vitest --project unit`).
 * 3. The live smoke (`vitest --project smoke`): the generated rules and routing in a real
 *    Prometheus and Alertmanager, a few seconds long.
 * A phase starts only when every step before it passed. The steps of phase 1 print their
 * output when they end, one after another; vitest prints as it goes.
 * Usage: tsx test/npmTest.ts
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);
const lookout = (...args: string[]): [string, string[]] => [process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]];

interface Step {
  name: string;
  command: [string, string[]];
  /** Anything on stderr fails the step, whatever its exit code (lookout prints diagnostics there). */
  silentStderr?: boolean;
}

const CHECKS: Step[] = [
  // Longest first, so that the two lanes end close together.
  { name: 'lookout validate --generated-only', command: lookout('validate', '--generated-only') },
  { name: 'type check', command: [bin('tsc'), ['--noEmit', '-p', '.']] },
  { name: 'lookout generate --check', command: lookout('generate', '--check'), silentStderr: true },
  { name: 'lookout lint', command: lookout('lint') },
];
const UNIT: Step = { name: 'unit tests', command: [bin('vitest'), ['run', '--project', 'unit']] };
const SMOKE: Step = { name: 'live smoke', command: [bin('vitest'), ['run', '--project', 'smoke']] };

interface Outcome {
  step: Step;
  code: number;
  seconds: number;
}

/** Runs a step; its output is passed through as it comes, or kept and printed at its end. */
function run(step: Step, buffered: boolean): Promise<Outcome> {
  const started = Date.now();
  const [command, args] = step.command;
  const child = spawn(command, args, { cwd: ROOT, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  const output: Buffer[] = [];
  let wroteStderr = false;
  child.stdout?.on('data', (d: Buffer) => output.push(d));
  child.stderr?.on('data', (d: Buffer) => {
    wroteStderr = true;
    output.push(d);
  });
  return new Promise((resolve) => {
    const done = (exit: number) => {
      let code = exit;
      if (code === 0 && step.silentStderr && wroteStderr) {
        output.push(Buffer.from('(fails here: it printed diagnostics, and the repository must generate without a single warning)\n'));
        code = 1;
      }
      const outcome = { step, code, seconds: (Date.now() - started) / 1000 };
      if (buffered) {
        process.stdout.write(`\n── ${step.name}\n`);
        process.stdout.write(Buffer.concat(output));
        report(outcome);
      }
      resolve(outcome);
    };
    child.on('error', (e) => {
      output.push(Buffer.from(`${e.message}\n`));
      done(127);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

function report(o: Outcome): void {
  process.stdout.write(`── ${o.step.name}: ${o.code === 0 ? 'ok' : `FAILED (exit ${o.code})`}, ${o.seconds.toFixed(1)} s\n`);
}

/** Runs `steps` at most `lanes` at a time, in order. */
async function parallel(steps: Step[], lanes: number): Promise<Outcome[]> {
  const queue = [...steps];
  const outcomes: Outcome[] = [];
  const lane = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) outcomes.push(await run(step, true));
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
  return outcomes;
}

const started = Date.now();
const outcomes: Outcome[] = [];
const failed = () => outcomes.filter((o) => o.code !== 0);
outcomes.push(...(await parallel(CHECKS, Math.min(2, os.availableParallelism()))));
for (const step of [UNIT, SMOKE]) {
  if (failed().length > 0) break;
  process.stdout.write(`\n── ${step.name}\n`);
  const outcome = await run(step, false);
  report(outcome);
  outcomes.push(outcome);
}
process.stdout.write(`\nnpm test: ${outcomes.length - failed().length} of ${CHECKS.length + 2} steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.stdout.write(failed().length > 0 ? `; failed: ${failed().map((o) => o.step.name).join(', ')}\n` : '\n');
process.exitCode = failed().length > 0 ? 1 : 0;
