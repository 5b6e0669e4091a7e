import { CommanderError } from 'commander';
import { FileSystemProblem } from '../engine/compiler/fsProblem.js';
import { EXIT, fail, printDiagnostics } from './output.js';

/** What a command that threw prints, and the exit code it ends with. */
export function reportFailure(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (e instanceof FileSystemProblem) {
    // A folder the user made read-only, a full disk: theirs to fix, and nothing was changed.
    printDiagnostics([e.diagnostic]);
    return EXIT.problems;
  }
  // Bad input is reported as diagnostics; reaching here is a bug in lookout itself.
  const detail = e instanceof Error ? (process.env.LOOKOUT_DEBUG ? (e.stack ?? e.message) : e.message) : String(e);
  fail(`lookout: internal error: ${detail}\nThis is a bug in lookout; rerun with LOOKOUT_DEBUG=1 for the stack trace and report it.`);
  return EXIT.usage;
}
