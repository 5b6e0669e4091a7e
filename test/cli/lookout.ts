import path from 'node:path';
import { execa } from 'execa';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the lookout command from the source, as a user would, without throwing on a non-zero exit. */
export function lookout(args: string[], env: Record<string, string> = {}) {
  return execa('npx', ['tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, reject: false, env: { ...env, NO_COLOR: '1' } });
}
