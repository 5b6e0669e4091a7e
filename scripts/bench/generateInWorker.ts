import path from 'node:path';
import { execa } from 'execa';
import { REPO } from './lookoutProject.js';

/**
 * Runs one generate timing (scripts/bench/generateWorker.ts) on `project` in a child process
 * and returns what it printed. generate() holds the event loop for minutes on a big project:
 * in a child process the benchmark still answers Ctrl-C and cleans up behind it.
 */
export async function generateInWorker<T>(mode: 'generate' | 'phases', project: string): Promise<T> {
  const worker = path.join(REPO, 'scripts/bench/generateWorker.ts');
  const child = await execa(process.execPath, ['--import', 'tsx', worker, mode, project], { cwd: REPO, reject: false, all: true });
  if (child.exitCode !== 0) throw new Error(`generate (${mode}) failed in ${project}:\n${String(child.all).slice(-3000)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as T;
}
