import path from 'node:path';
import { execa } from 'execa';
import { vi } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What a lookout command printed, and how it exited. */
export interface CommandRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the lookout command from the source in its own process, as a user would, without
 * throwing on a non-zero exit. Each start loads TypeScript twice over (about 5 s of CPU): keep
 * it for what only the process shows (argument parsing, the exit code main.ts sets) and use
 * `inProcess` for what a command prints.
 */
export function lookout(args: string[], env: Record<string, string> = {}, as: { uid?: number; gid?: number } = {}) {
  return execa(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, reject: false, env: { ...env, NO_COLOR: '1' }, ...as });
}

/**
 * Runs one command function of src/cli (validateCommand, generateCommand...) in this process, as
 * main.ts would after parsing its arguments: what it writes to stdout and stderr is captured,
 * and its return value is the exit code main.ts would set.
 */
export async function inProcess(command: () => Promise<number>): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array) => (into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), true);
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture(out) as typeof process.stdout.write);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture(err) as typeof process.stderr.write);
  try {
    const exitCode = await command();
    return { exitCode, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
