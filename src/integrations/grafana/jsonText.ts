/** The outcome of parsing a JSON file's text: the value, or the parser's complaint and where it points. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string; at?: { line: number; column: number } };

/**
 * JSON.parse, with the position of a syntax error turned into a line and column (both from 1)
 * for a diagnostic. Node's message says "at position N", and newer ones "line L column C".
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
    const pos = /position (\d+)/.exec(message);
    if (!pos) return { ok: false, message };
    const before = text.slice(0, Number(pos[1]));
    return { ok: false, message, at: { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') } };
  }
}
