const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether the JSON text `json` nests arrays and objects more than `max` deep. One pass over
 * the bytes, no recursion, so it runs before JSON.parse and before anything that recurses on
 * the parsed value (JSON.stringify overflows the stack some ten thousand levels down).
 * Brackets inside strings do not count; strings are skipped quote to quote with the native
 * search, so a long prompt costs little. Malformed JSON is JSON.parse's to report.
 */
export function nestsDeeperThan(json: Uint8Array, max: number): boolean {
  // Each level takes at least one byte.
  if (json.length <= max) return false;
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === QUOTE) {
      i = closingQuote(json, i + 1);
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that ends the string starting at `from`, or the end of the text. */
function closingQuote(json: Uint8Array, from: number): number {
  for (let at = from; ; at++) {
    at = json.indexOf(QUOTE, at);
    if (at < 0) return json.length;
    // Escaped when an odd number of backslashes precede it.
    let slashes = 0;
    while (json[at - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
}
