/** What became of a broken definition. */
export type Outcome = 'rejected' | 'accepted' | 'crashed' | 'hung';
export const OUTCOMES: readonly Outcome[] = ['rejected', 'accepted', 'crashed', 'hung'];

export interface Verdict {
  outcome: Outcome;
  /** Each way the run broke an invariant of its outcome: an error without file:line, generated/ changed, a tool refusing the output. */
  problems: string[];
}

/** A printed error diagnostic: `file:line:col: error code: ...`, `file: error code: ...` or `error code: ...`. */
const ERROR_LINE = /^(?:(?<file>[^\s:][^:]*?)(?::(?<line>\d+)(?::\d+)?)?: )?error [\w/.-]+:/;
/** A JavaScript stack frame, as Node prints an uncaught error. */
const STACK_FRAME = /^\s+at \S.*(?::\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;
/** The last line of a generate that wrote or checked generated/. */
const GENERATED = /^(wrote .*generated\/|.*generated\/ already up to date)/m;

/** The error diagnostics of a run that do not point at a line of a file in the project. */
export function unplacedErrors(output: string, inProject: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    const m = ERROR_LINE.exec(line);
    if (!m) continue;
    const { file, line: at } = m.groups ?? {};
    if (!file || !at || !inProject(file)) out.push(`no project file:line: ${line}`);
  }
  return out;
}

/**
 * Classifies one `lookout generate`: killed at the time limit is a hang; a stack trace,
 * "internal error", an exit code other than 0 and 1, or exit 0 without writing generated/ is a
 * crash; exit 1 is a rejection, which must name a project file and line for every error and
 * leave generated/ as it was; exit 0 is an acceptance (the tools judge its output later).
 */
export function classify(run: { exitCode: number | null; signal?: string | null; timedOut: boolean; output: string }, changed: readonly string[], inProject: (file: string) => boolean): Verdict {
  if (run.timedOut) return { outcome: 'hung', problems: ['killed at the time limit'] };
  if (STACK_FRAME.test(run.output)) return { outcome: 'crashed', problems: ['a stack trace in the output'] };
  if (/internal error/i.test(run.output)) return { outcome: 'crashed', problems: ['"internal error" in the output'] };
  if (run.exitCode === 0) {
    return GENERATED.test(run.output) ? { outcome: 'accepted', problems: [] } : { outcome: 'crashed', problems: ['exit 0 without writing generated/'] };
  }
  if (run.exitCode !== 1) return { outcome: 'crashed', problems: [run.exitCode === null ? `killed by ${run.signal}` : `exit code ${run.exitCode}`] };
  const problems = unplacedErrors(run.output, inProject);
  if (!run.output.split('\n').some((l) => ERROR_LINE.test(l))) problems.push('exit 1 without an error diagnostic');
  if (changed.length > 0) problems.push(`generated/ changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''}`);
  return { outcome: 'rejected', problems };
}
