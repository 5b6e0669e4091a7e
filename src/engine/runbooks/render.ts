import Handlebars from 'handlebars';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { diagnose } from '../../library/diagnostics/check.js';
import { runbookTemplate } from './checks.js';
import type { RunbookFacts } from './facts.js';

/** A template and where it came from, as printed in diagnostics: `runbooks/layout.hbs`. */
export interface RunbookTemplate {
  file: string;
  source: string;
}

export interface RunbookTemplates {
  layout: RunbookTemplate;
  /** By partial name; a project's partials already replace the built-in ones. */
  partials: Readonly<Record<string, RunbookTemplate>>;
  /** Per-alert steps by alert slug; `.md` files are included as written, `.hbs` rendered. */
  content: Readonly<Record<string, RunbookTemplate & { verbatim: boolean }>>;
}

type Render = (facts: RunbookFacts) => string;

/** An error thrown while rendering, tagged with the innermost template it came from. */
interface Tagged extends Error {
  lookoutFile?: RunbookTemplate;
  lineNumber?: number;
}

/** Markdown is not HTML: no escaping. Strict: `{{alert.nmae}}` is an error, not a silent blank. */
const OPTIONS = { strict: true, noEscape: true } as const;

function shellQuote(value: unknown): string {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/** A problem in template `t`: at `line` when known, else at the template's first line (never without its file). */
function problem(t: RunbookTemplate, message: string, line?: number, hint?: string): Diagnostic {
  return diagnose(runbookTemplate, { path: '', message, source: { file: t.file, line: line ?? 1, column: 1 }, ...(hint ? { hint } : {}) });
}

/**
 * A Handlebars parse error as a diagnostic. Its messages come in two shapes: `Parse error on
 * line N: ...` (the grammar), and `each doesn't match if - N:C` (a block closed by another
 * block's end, with the line of the block).
 */
function syntaxProblem(t: RunbookTemplate, error: Error & { lineNumber?: number }): Diagnostic {
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):\d+$/.exec(error.message);
  if (mismatch) {
    const [, open, close, line] = mismatch;
    return problem(t, `template syntax error: {{#${open}}} is not closed: the {{/${close}}} after it closes {{#${close}}} first`, Number(line), `close {{#${open}}} with {{/${open}}} before {{/${close}}}`);
  }
  const line = error.lineNumber ?? /on line (\d+)/.exec(error.message)?.[1];
  const detail = error.message.split('\n').at(-1) ?? '';
  return problem(t, `template syntax error: ${detail}`, line === undefined ? undefined : Number(line));
}

/** The line of the first `{{> name}}` in a template, for "partial not found" (Handlebars gives none). */
function partialLine(source: string, name: string): number | undefined {
  const at = source.search(new RegExp(`\\{\\{~?>\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
  return at < 0 ? undefined : source.slice(0, at).split('\n').length;
}

function describe(error: Tagged, fallback: RunbookTemplate): Diagnostic {
  const t = error.lookoutFile ?? fallback;
  const missing = /^The partial (\S+) could not be found/.exec(error.message);
  if (missing) return problem(t, `unknown partial "${missing[1]}"`, partialLine(t.source, missing[1]!));
  const message = error.message.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]/, '');
  return problem(t, message, error.lineNumber);
}

/** How deep partials may include each other: far beyond any runbook, well before the stack ends. */
const MAX_PARTIAL_DEPTH = 32;

/**
 * A partial that refuses to nest in itself past MAX_PARTIAL_DEPTH: a partial that includes
 * itself (directly or through another) would otherwise recurse until the stack overflows,
 * reported with no file or line. The error names the partial that includes it, at that line.
 */
function boundedPartial(name: string, fn: Render, partials: Readonly<Record<string, RunbookTemplate>>): Render {
  let depth = 0;
  return (facts, options?: unknown) => {
    if (depth >= MAX_PARTIAL_DEPTH) {
      const includer = [partials[name], ...Object.values(partials)].find((p) => p && partialLine(p.source, name) !== undefined)!;
      const error = new Error(`partial "${name}" includes itself, endlessly (${MAX_PARTIAL_DEPTH} levels deep)`) as Tagged;
      error.lookoutFile = includer;
      error.lineNumber = partialLine(includer.source, name);
      throw error;
    }
    depth++;
    try {
      return (fn as (c: unknown, o?: unknown) => string)(facts, options);
    } finally {
      depth--;
    }
  };
}

/**
 * Compiles the layout, partials and per-alert content in one isolated Handlebars instance.
 * Syntax errors come back as diagnostics naming each broken file and line; rendering errors
 * (an unknown partial or field) are reported by `render` the same way.
 */
export function runbookRenderer(templates: RunbookTemplates): { diagnostics: Diagnostic[]; render?: (facts: RunbookFacts) => { text?: string; diagnostic?: Diagnostic } } {
  const hb = Handlebars.create();
  hb.registerHelper('shq', shellQuote);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  const diagnostics: Diagnostic[] = [];
  const compile = (t: RunbookTemplate): Render | undefined => {
    try {
      hb.parse(t.source);
    } catch (e) {
      diagnostics.push(syntaxProblem(t, e as Error));
      return undefined;
    }
    const fn = hb.compile(t.source, OPTIONS);
    return (facts, options?: unknown) => {
      try {
        return (fn as (c: unknown, o?: unknown) => string)(facts, options);
      } catch (e) {
        (e as Tagged).lookoutFile ??= t;
        throw e;
      }
    };
  };
  const layout = compile(templates.layout);
  for (const [name, t] of Object.entries(templates.partials)) {
    const fn = compile(t);
    if (fn) hb.registerPartial(name, boundedPartial(name, fn, templates.partials) as unknown as Handlebars.Template);
  }
  const content = new Map<string, Render>();
  for (const [slug, t] of Object.entries(templates.content)) {
    const fn = t.verbatim ? () => t.source : compile(t);
    if (fn) content.set(slug, fn);
  }
  if (!layout || diagnostics.length > 0) return { diagnostics };
  return {
    diagnostics,
    render(facts) {
      const own = templates.content[facts.alert.slug];
      try {
        const steps = content.get(facts.alert.slug)?.({ ...facts, content: null });
        const text = layout({ ...facts, content: steps === undefined ? null : steps.trim() });
        return { text: `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n` };
      } catch (e) {
        return { diagnostic: describe(e as Tagged, own ?? templates.layout) };
      }
    },
  };
}
