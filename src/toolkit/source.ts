import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SourceLocation } from './diagnostics/diagnostic.js';

// The toolkit's own folder (src/toolkit or dist/toolkit): frames inside it are lookout's, not
// the user's, and are skipped when looking for where a definition was written.
const TOOLKIT_DIR = path.dirname(fileURLToPath(import.meta.url));

const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

/**
 * Where the user called a definition factory (`alert()`, `counter()`, ...): the first stack
 * frame outside the toolkit. Diagnostics use it to print `file:line:col`. Source maps are on
 * under tsx, so lines are those of the TypeScript the user wrote.
 */
export function captureSource(): SourceLocation | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (!path.isAbsolute(file)) continue;
    if (file.startsWith(TOOLKIT_DIR + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}
