import { parse as parseTolerantly, type ParseError } from 'jsonc-parser';

/** The outcome of parsing a JSON file's text: the value, or the parser's complaint and where it points. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string; at?: { line: number; column: number } };

/**
 * JSON.parse, with the position of a syntax error turned into a line and column (both from 1)
 * for a diagnostic. Node 22 says "line L column C" and Node 20 "at position N", but Node 20
 * gives no position at all for an unexpected token or the end of the input: then the first
 * error jsonc-parser finds in strict mode (no comments, no trailing commas) gives it.
 * @example
 * parseJsonText('{"a": }'); // { ok: false, message: "Unexpected token '}', ...", at: { line: 1, column: 7 } }
 */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (lc) return { ok: false, message, at: { line: Number(lc[1]), column: Number(lc[2]) } };
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : firstErrorOffset(text);
    if (offset === undefined) return { ok: false, message };
    const before = text.slice(0, offset);
    return { ok: false, message, at: { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') } };
  }
}

function firstErrorOffset(text: string): number | undefined {
  const errors: ParseError[] = [];
  parseTolerantly(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset;
}
