import path from 'node:path';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { relative } from './paths.js';

/**
 * Errors of the machine the user runs on, not of lookout: a folder made read-only, a read-only
 * mount, a full disk. They are the user's to fix, so they are reported as a diagnostic (exit 1)
 * rather than as an internal error (exit 2).
 */
const USER_ERRNOS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
};

/** A failure to write the project's files that the user can fix; carries the diagnostic to print. */
export class FileSystemProblem extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** The errno of a Node file-system error, when it is one the user's machine caused. */
export function userErrno(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && code in USER_ERRNOS ? code : undefined;
}

/** The problem for `code` met on `target` while doing `what` (e.g. "write generated/"). */
export function fileSystemProblem(root: string, target: string, code: string, what: string): FileSystemProblem {
  const shown = relative(root, target) || path.basename(target);
  return new FileSystemProblem({
    code: 'write/permission',
    severity: 'error',
    file: shown,
    path: '',
    message: `cannot ${what}: ${code} (${USER_ERRNOS[code] ?? code}) on ${shown}`,
    hint: code === 'ENOSPC' || code === 'EDQUOT' ? 'free some space and run lookout generate again' : `make ${shown} writable by this user (or run where it is), then run lookout generate again`,
  });
}

/** Rethrows `error` as a FileSystemProblem when the user's machine caused it, else as it is. */
export function asUserError(error: unknown, root: string, fallbackTarget: string, what: string): unknown {
  const code = userErrno(error);
  if (!code) return error;
  let target = (error as NodeJS.ErrnoException).path ?? fallbackTarget;
  // A staging folder is lookout's own name: the folder it was to be made in is the user's.
  const work = target.split(path.sep).findIndex((part) => part.startsWith('.lookout-'));
  if (work > 0) target = target.split(path.sep).slice(0, work).join(path.sep) || path.sep;
  return fileSystemProblem(root, target, code, what);
}
