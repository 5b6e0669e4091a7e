import { isMap, isNode, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { basename } from 'node:path';
import type { z } from 'zod';
import type { Diagnostic, Severity } from '../../../library/diagnostics/diagnostic.js';

/**
 * Codes of the problems `lookout import` reports. They are about an input file, not about
 * definitions, so they are not checks of the registry (docs/checks.md).
 */
export const IMPORT_CODES = {
  /** The input is not valid YAML, or not a valid spec (a field missing, out of range). */
  invalid: 'import/invalid',
  /** Valid input that lookout cannot express (a Sloth SLI plugin, OpenSLO timeslices). */
  unsupported: 'import/unsupported',
  /** A query that could not be typed against the catalog. */
  raw: 'import/raw-sli',
  /** Something renamed or left out so the result passes lookout's checks. */
  changed: 'import/changed',
  /** The module to write: not TypeScript, outside the project, or already there. */
  output: 'import/output',
} as const;

/** A problem with a whole file (or a command-line option), not with a field inside one. */
export function fileProblem(code: string, file: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { code, severity: 'error', file, path: '', message };
  if (hint) d.hint = hint;
  return d;
}

/** Why a file could not be read, as a user would put it. */
export function readFailure(e: unknown): string {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
}

export type FieldPath = readonly (string | number)[];

/** A field of the input: a document of the file and the path inside it, printed after `prefix`. */
export interface Where {
  doc: number;
  path: FieldPath;
  /** Names the object the path starts at, e.g. `SLO/checkout-availability`. */
  prefix?: string;
  /**
   * Where that object sits inside the document when it is not the document itself (an item of
   * a file holding a list of objects, `[2]`): used to find the line, not printed.
   */
  root?: FieldPath;
}

/** `['slos', 0, 'sli']` → `slos[0].sli`. */
export function formatPath(path: FieldPath, prefix = ''): string {
  let out = prefix;
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Shorter, field-oriented wording for zod's type errors; other issues keep the schema's message. */
function issueMessage(issue: { code: string; input?: unknown; expected?: string }): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is required';
  return `must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, not ${describeValue(issue.input)}`;
}

/** One file of the input: as printed in diagnostics, as named in the module written, its text. */
export interface SpecPart {
  display: string;
  /** How the module written names it; the file's base name by default. */
  source?: string | undefined;
  text: string;
}

interface ReadPart {
  display: string;
  source: string;
  /** Positions are per file: each has its own line count. */
  lines: LineCounter;
  /** Index of the file's first document in `documents`. */
  first: number;
}

/**
 * The input: the YAML documents of one file, or of several read together so that an object of
 * one may name an object of another, and the problems found so far, each pointing at the file
 * and line of the field it is about.
 */
export class SpecFile {
  readonly diagnostics: Diagnostic[] = [];
  /** Parsed documents of every file, in order; `value` is undefined for one that failed to parse. */
  readonly documents: { value: unknown; doc: Document; part: number }[] = [];
  private readonly parts: ReadPart[] = [];

  constructor(
    /** The file as printed in diagnostics. */
    display: string,
    text: string,
    source?: string,
  ) {
    this.read({ display, text, source });
  }

  /** Several files read as one input: the documents of each, in the order given. */
  static fromParts(parts: readonly SpecPart[]): SpecFile {
    const [first, ...rest] = parts;
    if (!first) throw new Error('SpecFile.fromParts: no file given');
    const file = new SpecFile(first.display, first.text, first.source);
    for (const part of rest) file.read(part);
    return file;
  }

  private read({ display, text, source }: SpecPart): void {
    const part = this.parts.length;
    const lines = new LineCounter();
    const first = this.documents.length;
    this.parts.push({ display, source: source ?? basename(display), lines, first });
    for (const doc of parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false })) {
      const index = this.documents.length;
      for (const e of doc.errors) {
        this.push(part, 'error', IMPORT_CODES.invalid, `documents[${index - first}]`, `not valid YAML: ${e.message.split('\n')[0]}`, undefined, lines.linePos(e.pos[0]));
      }
      this.documents.push({ value: doc.errors.length ? undefined : doc.toJS(), doc, part });
    }
  }

  /** The (first) file as printed in diagnostics. */
  get display(): string {
    return this.parts[0]!.display;
  }

  /** True when several files are read together. */
  get several(): boolean {
    return this.parts.length > 1;
  }

  /** How a message names the whole input: `this file`, or `the files read`. */
  get inputName(): string {
    return this.several ? 'the files read' : 'this file';
  }

  /** The name the module written gives each file, in order. */
  sources(): string[] {
    return this.parts.map((p) => p.source);
  }

  /** The name the module written gives the file a document is in. */
  sourceOf(doc: number): string {
    return this.partOf(doc).source;
  }

  /** The file a document is in, as printed in diagnostics. */
  displayOf(doc: number): string {
    return this.partOf(doc).display;
  }

  /** `documents[i]`, i counted within the document's own file. */
  documentName(doc: number): string {
    return `documents[${doc - this.partOf(doc).first}]`;
  }

  private partOf(doc: number): ReadPart {
    return this.parts[this.documents[doc]?.part ?? 0]!;
  }

  /** Documents that parsed and hold something (a trailing `---` yields an empty one). */
  values(): { index: number; value: unknown }[] {
    return this.documents.flatMap((d, index) => (d.value === undefined || d.value === null ? [] : [{ index, value: d.value }]));
  }

  /**
   * The objects of the file: each document, or each item of a document that is a list (the
   * layout oslo validates), with the path of the item inside its document.
   */
  objects(): { index: number; root: FieldPath; value: unknown }[] {
    return this.values().flatMap(({ index, value }) => (Array.isArray(value) ? value.map((item, i) => ({ index, root: [i], value: item })) : [{ index, root: [], value }]));
  }

  /**
   * Line and column of a field, or of its nearest ancestor present in the file. A mapping's
   * field is located at its key, since a block value starts on the line below it.
   */
  private position(where: Where): { line: number; col: number } | undefined {
    const doc = this.documents[where.doc]?.doc;
    if (!doc) return undefined;
    const { lines } = this.partOf(where.doc);
    const path = [...(where.root ?? []), ...where.path];
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (!isNode(node) || !node.range) continue;
      const parent = n === 0 ? undefined : n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
      const key = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1])?.key : undefined;
      return lines.linePos((isNode(key) && key.range ? key.range : node.range)[0]);
    }
    return undefined;
  }

  private push(part: number, severity: Severity, code: string, path: string, message: string, hint: string | undefined, pos: { line: number; col: number } | undefined): void {
    const d: Diagnostic = { code, severity, file: this.parts[part]!.display, path, message };
    if (pos) {
      d.line = pos.line;
      d.column = pos.col;
    }
    if (hint) d.hint = hint;
    this.diagnostics.push(d);
  }

  report(severity: Severity, code: string, where: Where, message: string, hint?: string): void {
    this.push(this.documents[where.doc]?.part ?? 0, severity, code, formatPath(where.path, where.prefix), message, hint, this.position(where));
  }

  error(where: Where, message: string, hint?: string): void {
    this.report('error', IMPORT_CODES.invalid, where, message, hint);
  }

  /** Validates `value` (found at `where`), reporting every issue at its own field. */
  validate<T>(schema: z.ZodType<T>, where: Where, value: unknown): T | undefined {
    const result = schema.safeParse(value, { error: issueMessage });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      this.error({ ...where, path: [...where.path, ...(issue.path as (string | number)[])] }, issue.message);
    }
    return undefined;
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
