import path from 'node:path';
import { runInGroup, type GroupRun } from './processGroup.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * `lookout generate --no-cache` on a project, as a user runs it: the CLI from the source in its
 * own process group, killed whole at the time limit. No cache: every copy is compiled from
 * scratch, so no mutation's result depends on another's.
 */
export function generateProject(project: string, timeLimitMs: number): Promise<GroupRun> {
  return runInGroup(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'generate', '--no-cache', '--project', project], {
    cwd: project,
    timeLimitMs,
    // lookout's own time limit (a hang becomes load/timeout at its line) ends well before the
    // runner kills the process group, which only a hang lookout does not catch reaches.
    env: { ...process.env, NO_COLOR: '1', LOOKOUT_TIMEOUT: String(Math.max(1, Math.floor(timeLimitMs / 3000))) },
  });
}
