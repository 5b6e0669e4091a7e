import type { Diagnostic, Snippet } from './diagnostic.js';

export interface FormatOptions {
  color?: boolean;
}

const WINDOW = 100;

/** The line of `snippet.text` holding the span, cut to a window, with the span underlined. */
function underline(snippet: Snippet): string[] {
  const { text, from } = snippet;
  const lineStart = text.lastIndexOf('\n', Math.max(0, from - 1)) + 1;
  const nl = text.indexOf('\n', lineStart);
  const lineEnd = nl === -1 ? text.length : nl;
  const to = Math.min(Math.max(snippet.to, from + 1), lineEnd);
  let start = lineStart;
  let end = lineEnd;
  if (end - start > WINDOW) {
    start = Math.max(lineStart, Math.min(from - 20, lineEnd - WINDOW));
    end = Math.min(lineEnd, start + WINDOW);
  }
  const pre = start > lineStart ? '…' : '';
  const post = end < lineEnd ? '…' : '';
  const shown = text.slice(start, end);
  const caretFrom = pre.length + (from - start);
  const caretLen = Math.max(1, Math.min(to, end) - from);
  return [`    | ${pre}${shown}${post}`, `    | ${' '.repeat(caretFrom)}${'^'.repeat(caretLen)}`];
}

/** Prints one diagnostic compiler-style: `file:line:col: error code: path: message`. */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const paint = (code: string, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  const sev = d.severity === 'error' ? paint('1;31', 'error') : paint('1;33', 'warning');
  const path = d.path ? `${d.path}: ` : '';
  const lines = [`${where}${sev} ${paint('1', d.code)}: ${path}${d.message}`];
  if (d.snippet) lines.push(...underline(d.snippet));
  if (d.hint) lines.push(`  ${paint('36', 'hint')}: ${d.hint}`);
  return lines.join('\n');
}

/** "2 errors, 1 warning". */
export function summarize(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
