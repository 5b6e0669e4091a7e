import path from 'node:path';

/** A project-relative path with forward slashes, as printed in diagnostics and file headers. */
export function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
