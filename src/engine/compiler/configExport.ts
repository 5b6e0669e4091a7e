import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { exportSites } from './exportSites.js';
import { relative } from './paths.js';

const isProject = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'project';

/**
 * Why the config's default export is not a project, at the line to change: the project
 * exported under another name (`export const project = defineProject(...)`: a one-word fix),
 * else the default export that is something else, else the top of a file with neither.
 */
export function configExportDiagnostic(exports: Record<string, unknown>, file: string, root: string): Diagnostic {
  const sites = exportSites(file);
  const named = Object.keys(exports).find((name) => name !== 'default' && isProject(exports[name]));
  const hasDefault = exports.default !== undefined;
  const exportName = named ?? 'default';
  const site = named !== undefined || hasDefault ? sites.of(exportName) : { line: 1, column: 1 };
  const base = relative(root, file).split('/').pop();
  const fix = 'export the project with `export default defineProject({...})`';
  const [message, hint] =
    named !== undefined
      ? [`${base} exports its project as "${named}", not as the default export`, 'write `export default defineProject({...})`: lookout reads the default export']
      : hasDefault
        ? [`the default export of ${base} is ${what(exports.default)}, not a project`, exports.default instanceof Promise ? 'export the project itself, not a promise of it (top-level `await` works here)' : fix]
        : [`${base} has no default export`, fix];
  return { code: 'load/config', severity: 'error', file: relative(root, file), line: site.line, column: site.column, path: exportName, message, hint };
}

/** What a value is, as the message names it: `a Promise`, `an object`, `a string`. */
function what(v: unknown): string {
  if (v instanceof Promise) return 'a Promise';
  if (v === null) return 'null';
  const type = Array.isArray(v) ? 'array' : typeof v;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
