import { RE2JS } from 're2js';

/** RE2's flag bits for the config's flags. `u` adds nothing: RE2 always matches by code point. */
const FLAG_BITS: Readonly<Record<string, number>> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/** Why a pattern cannot be a guardrail, worded for a config problem. */
export class PatternError extends Error {}

/**
 * A guardrail pattern compiled by re2js, a JavaScript port of RE2: a match takes time linear
 * in the text whatever the pattern, where V8's backtracking RegExp takes quadratic time for
 * `[a-z]+@...` on a run of letters without an `@` (8 s for 40 KB) and exponential time for
 * `(a+)+$`. The price is RE2's syntax: no backreferences and no lookaround.
 */
export class LinearPattern {
  private constructor(private readonly re: RE2JS) {}

  /** Compiles `source` with the config's flags (i, m, s, u), or throws a PatternError saying why not. */
  static compile(source: string, flags: string): LinearPattern {
    let bits = 0;
    for (const flag of flags) bits |= FLAG_BITS[flag] ?? 0;
    try {
      return new LinearPattern(RE2JS.compile(source, bits));
    } catch (e) {
      throw new PatternError(refusal((e as Error).message));
    }
  }

  /** Whether the pattern matches anywhere in `text`: RE2's DFA, the cheapest way to ask. */
  test(text: string): boolean {
    return this.re.test(text);
  }

  /**
   * `text` with every match replaced, `replacement` read as String.prototype.replace reads it
   * (`$&`, `$1`, `$<name>`, `$$`). Tested first: finding where matches are is the slower
   * engine, and most texts have none.
   */
  replaceAll(text: string, replacement: string): string {
    return this.re.test(text) ? this.re.matcher(text).replaceAll(replacement) : text;
  }
}

/** RE2's parse error as a config problem, naming the construct that needs backtracking when that is the reason. */
function refusal(message: string): string {
  const detail = message.replace(/^error parsing regexp: /, '');
  const construct = /`([^`]*)`/.exec(detail)?.[1] ?? '';
  const needs = /^\\(?:[1-9]|k)/.test(construct)
    ? `a backreference (\`${construct.slice(0, 2)}\`)`
    : /^\(\?[=!]/.test(construct)
      ? `lookahead (\`${construct.slice(0, 3)}\`)`
      : /^\(\?<[=!]/.test(construct)
        ? `lookbehind (\`${construct.slice(0, 4)}\`)`
        : undefined;
  if (needs) return `cannot be matched in linear time: ${needs} needs a backtracking engine; guardrail patterns are RE2 syntax, without backreferences or lookaround`;
  const hint = construct === '\\u' ? ' (RE2 writes a code point as \\x{00e9})' : '';
  return `not a valid regular expression (RE2 syntax): ${detail}${hint}`;
}
