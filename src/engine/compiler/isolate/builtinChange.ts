import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import { relative } from '../paths.js';
import { firstLine, readSource } from './sourceText.js';
import { describeChange, type Change } from './threadState.js';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The source text that most likely made `change`, as patterns from most to least specific:
 * the object and the property on one line (`Array.prototype.map =`), the property as a word,
 * then the object. A guess from the text: V8 says nothing about who wrote a property.
 */
function patterns(change: Change): RegExp[] {
  const owner = change.object.replace(/\.prototype$/, '');
  if (change.property === undefined) return [/setPrototypeOf|__proto__/, new RegExp(`\\b${escape(owner)}\\b`)];
  const prop = change.property.replace(/^Symbol\((.*)\)$/, '$1');
  const word = new RegExp(`\\b${escape(prop)}\\b`);
  return [new RegExp(`\\b${escape(owner)}\\b.*\\b${escape(prop)}\\b`), new RegExp(`__proto__.*\\b${escape(prop)}\\b`), new RegExp(`\\b(defineProperty|assign)\\b.*\\b${escape(prop)}\\b`), word];
}

/** The first line of `files` (the module imported first, then what it imported) matching the most specific pattern. */
function lineOf(change: Change, files: readonly string[]): { file: string; line: number; column: number } | undefined {
  // A loop, not .map: the builtin this reports may be Array.prototype.map itself.
  const sources: Array<{ file: string; source: string | undefined }> = [];
  for (const file of files) sources.push({ file, source: readSource(file) });
  for (const pattern of patterns(change)) {
    for (const { file, source } of sources) {
      const found = firstLine(file, (l) => pattern.test(l) && !/^\s*(\/\/|\*)/.test(l), source);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A module that changed one of JavaScript's builtins while it was imported: reported at the
 * line that most likely did it (in the module or a project file it imported), else at the
 * module. Loading stops there: the compiler would run on the changed builtin.
 */
export function builtinChangeDiagnostic(change: Change, files: readonly string[], root: string): Diagnostic {
  const site = lineOf(change, files);
  const d: Diagnostic = {
    code: 'load/builtin-changed',
    severity: 'error',
    file: relative(root, site?.file ?? files[0]!),
    path: '',
    message: `importing the module changed a JavaScript builtin (${describeChange(change)}): lookout's compiler runs on the same builtins, so nothing was generated`,
    hint: 'definitions must not patch builtins or their prototypes (no polyfills, no prototype assignments); keep such code in the service, out of the files definitions import',
  };
  if (site) {
    d.line = site.line;
    d.column = site.column;
  }
  return d;
}
