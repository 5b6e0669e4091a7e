import { defineCheck } from '../../diagnostics/check.js';
import type { GoTemplates } from '../../semantics.js';
import type { RoutingFinding } from './context.js';
import { defineOpening, templateDefinition } from '../templates.js';

export const routingTemplateSyntax = defineCheck({
  id: 'routing/template-syntax',
  severity: 'error',
  title: 'Notification templates parse and call only functions Alertmanager has',
  why: 'Alertmanager parses every template file when it loads its config and refuses all of it on one syntax error or unknown function; amtool check-config does not parse them, so only the reload (or `amtool template render`) finds out.',
  refusedBy: 'Alertmanager',
});

/**
 * Alertmanager 0.25's template functions (template.DefaultFuncs) besides Go's builtins. Later
 * versions add date, tz, humanize, trimSpace, toJson...: 0.25 refuses a template calling them.
 */
const ALERTMANAGER_FUNCTIONS = ['toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice'];

/** Keywords whose action needs an {{end}}. */
const OPENS_BLOCK = new Set(['if', 'with', 'range', 'block', 'define']);

/**
 * Where the body's own {{end}} closes the template's {{ define }}, if one does: Go then reads
 * what follows at the file's top level, so the template silently loses its tail (or the
 * wrapper's {{end}} becomes "unexpected {{end}}").
 */
function earlyEnd(wrapped: string, bodyEnd: number, templates: GoTemplates): { from: number; to: number } | undefined {
  const tokens = templates.lex(wrapped);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type !== 'leftDelim') continue;
    let j = i + 1;
    while (tokens[j]?.type === 'space') j++;
    const t = tokens[j];
    if (t?.type !== 'keyword') continue;
    if (OPENS_BLOCK.has(t.value)) depth++;
    else if (t.value === 'end' && --depth === 0) return t.pos < bodyEnd ? { from: tokens[i]!.pos, to: t.end } : undefined;
  }
  return undefined;
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * Parses a notification template as lookout.tmpl holds it (inside its {{ define }}), with Go's
 * text/template grammar and Alertmanager's functions: what Alertmanager would refuse on load.
 */
export function templateSyntaxFindings(name: string, text: string, path: string, templates: GoTemplates): RoutingFinding[] {
  const functions = new Set([...templates.builtins, ...ALERTMANAGER_FUNCTIONS]);
  const offset = defineOpening(name).length;
  const wrapped = templateDefinition(name, text);
  const parsed = templates.parse(wrapped, { hasFunction: (fn) => functions.has(fn), name });
  const finding = (error: { message: string; from: number; to: number }, hint?: string) => {
    const from = Math.min(Math.max(error.from - offset, 0), text.length);
    const to = Math.min(Math.max(error.to - offset, from), text.length);
    return { path, message: `template "${name}" does not parse (${position(text, from)}): ${error.message}`, hint, snippet: { text, from, to } };
  };
  if (parsed.error && parsed.error.from < offset) {
    return [{ path, message: `template name "${name}" cannot be written as {{ define "${name}" }}: ${parsed.error.message}`, hint: 'name templates with letters, digits, dots and dashes' }];
  }
  const inBody = parsed.error && parsed.error.from < offset + text.length;
  const closed = inBody ? undefined : earlyEnd(wrapped, offset + text.length, templates);
  if (closed) {
    return [finding({ message: 'unexpected {{end}}', ...closed }, "this {{end}} closes the template's own {{ define }}: remove it, or open the block it is meant to close")];
  }
  if (!parsed.error) return [];
  const unknown = /^function ".*" not defined$/.test(parsed.error.message);
  return [finding(parsed.error, unknown ? `Alertmanager 0.25 has ${ALERTMANAGER_FUNCTIONS.join(', ')} and Go's builtins (${templates.builtins.join(', ')})` : undefined)];
}
