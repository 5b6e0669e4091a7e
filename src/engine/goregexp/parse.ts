import { emptySet, type AssertOp, type Node, type RepeatOp } from './ast.js';
import { charClass, perlClass, unicodeClass } from './classes.js';
import { RegexpUnsupportedError } from './errors.js';
import { orbit } from './fold.js';
import { repeatIsValid } from './limits.js';
import { Scanner } from './scanner.js';

/**
 * Go's regexp/syntax parser (Perl flags, as regexp.Compile uses it), ported step for step so
 * that the same patterns are rejected with the same error and the same quoted fragment:
 * Prometheus shows that text to users, and lookout predicts it in rendered annotations.
 */

interface Flags {
  /** (?i) FoldCase */
  i: boolean;
  /** (?m) multi-line ^ and $ */
  m: boolean;
  /** (?s) DotNL */
  s: boolean;
  /** (?U) NonGreedy */
  U: boolean;
}

export interface ParsedRegexp {
  root: Node;
  /** Capture group names by group number; index 0 (the whole match) and unnamed groups are ''. */
  names: string[];
}

/** Parses an RE2 pattern; throws RegexpSyntaxError exactly where Go's parser fails. */
export function parse(pattern: string): ParsedRegexp {
  const p = new Parser(pattern);
  const root = p.alternation({ i: false, m: false, s: false, U: false }, 0);
  return { root, names: p.names };
}

const CAPTURE_NAME = /^[A-Za-z0-9_]+$/;
const MAX_GROUP_NESTING = 1000;

class Parser {
  readonly names: string[] = [''];
  /** The shared read position; escapes and classes are read through it (scanner.ts, classes.ts). */
  private readonly s: Scanner;

  constructor(private readonly src: string) {
    this.s = new Scanner(src);
  }

  /**
   * Parses up to an unmatched ')' or the end. Flags changed by `(?i)` last to the end of the
   * enclosing group, across `|`, as in Go.
   */
  alternation(outer: Flags, depth: number): Node {
    const flags = { ...outer };
    const branches: Node[] = [];
    let items: Node[] = [];
    // Where the previous token started if it was a repetition operator: Go forbids `a**`.
    let lastRepeat = -1;
    while (this.s.pos < this.src.length) {
      const start = this.s.pos;
      let repeatStart = -1;
      switch (this.src[start]) {
        case ')':
          if (depth === 0) this.s.fail('unexpected )', this.src);
          branches.push(concat(items));
          return branches.length === 1 ? branches[0]! : { kind: 'alternate', subs: branches };
        case '|':
          this.s.pos++;
          branches.push(concat(items));
          items = [];
          break;
        case '(':
          if (this.src[start + 1] === '?') {
            const group = this.perlGroup(flags, depth);
            if (group) items.push(group);
          } else {
            this.s.pos++;
            const index = this.names.push('') - 1;
            items.push({ kind: 'capture', index, sub: this.groupBody(flags, depth) });
          }
          break;
        case '^':
          this.s.pos++;
          items.push(assert(flags.m ? 'beginLine' : 'beginText'));
          break;
        case '$':
          this.s.pos++;
          items.push(assert(flags.m ? 'endLine' : 'endText'));
          break;
        case '.':
          this.s.pos++;
          items.push({ kind: 'any', dotNL: flags.s });
          break;
        case '[':
          items.push(charClass(this.s, flags.i));
          break;
        case '*':
        case '+':
        case '?': {
          const c = this.src[start]!;
          this.s.pos++;
          const [op, min, max]: [RepeatOp, number, number] = c === '*' ? ['star', 0, -1] : c === '+' ? ['plus', 1, -1] : ['quest', 0, 1];
          this.repeat(items, flags, op, min, max, start, lastRepeat);
          repeatStart = start;
          break;
        }
        case '{': {
          const r = this.braces();
          if (!r) {
            // Not a well-formed repeat: Go takes the brace literally.
            this.s.pos++;
            items.push(this.literal(0x7b, flags));
            break;
          }
          if (r.min < 0 || r.min > 1000 || r.max > 1000 || (r.max >= 0 && r.min > r.max)) {
            this.s.fail('invalid repeat count', this.src.slice(start, r.end));
          }
          this.s.pos = r.end;
          this.repeat(items, flags, 'braces', r.min, r.max, start, lastRepeat);
          repeatStart = start;
          break;
        }
        case '\\':
          this.backslash(flags, items);
          break;
        default: {
          const { cp, width } = this.s.runeAt(start);
          this.s.pos += width;
          items.push(this.literal(cp, flags));
        }
      }
      lastRepeat = repeatStart;
    }
    branches.push(concat(items));
    return branches.length === 1 ? branches[0]! : { kind: 'alternate', subs: branches };
  }

  /** A group's body through its ')'; the body is parsed with the flags in force at '('. */
  private groupBody(flags: Flags, depth: number): Node {
    // Go accepts deep non-capturing nesting (it leaves no tree node); the recursion here
    // would overflow the stack first, so refuse long before that.
    if (depth >= MAX_GROUP_NESTING) throw new RegexpUnsupportedError(`groups nested more than ${MAX_GROUP_NESTING} deep`, this.src);
    const body = this.alternation(flags, depth + 1);
    if (this.src[this.s.pos] !== ')') this.s.fail('missing closing )', this.src);
    this.s.pos++;
    return body;
  }

  /** Applies a repetition operator to the last item; `start` is where the operator began. */
  private repeat(items: Node[], flags: Flags, op: RepeatOp, min: number, max: number, start: number, lastRepeat: number): void {
    let lazy = false;
    if (this.src[this.s.pos] === '?') {
      this.s.pos++;
      lazy = true;
    }
    if (lastRepeat >= 0) this.s.fail('invalid nested repetition operator', this.src.slice(lastRepeat, this.s.pos));
    // A flag group or an empty \Q\E adds nothing, so the operator reaches back past it.
    const sub = items.pop();
    if (!sub) this.s.fail('missing argument to repetition operator', this.src.slice(start, this.s.pos));
    const node: Node = { kind: 'repeat', sub, op, min, max, greedy: lazy === flags.U };
    items.push(node);
    if (op === 'braces' && (min >= 2 || max >= 2) && !repeatIsValid(node, 1000)) {
      this.s.fail('invalid repeat count', this.src.slice(start, this.s.pos));
    }
  }

  /** Go's parseRepeat at '{': undefined when the text is not a repeat (then '{' is literal). */
  private braces(): { min: number; max: number; end: number } | undefined {
    let at = this.s.pos + 1;
    const first = this.int(at);
    if (!first) return undefined;
    at = first.end;
    let min = first.value;
    let max = min;
    if (this.src[at] === ',') {
      at++;
      if (this.src[at] === '}') max = -1;
      else {
        const m = this.int(at);
        if (!m) return undefined;
        at = m.end;
        max = m.value;
        // Go flags a too-large max (parsed as -1, "unbounded") by invalidating min.
        if (max < 0) min = -1;
      }
    }
    if (this.src[at] !== '}') return undefined;
    return { min, max, end: at + 1 };
  }

  /** Go's parseInt: no leading zeros, and -1 for values that would overflow. */
  private int(at: number): { value: number; end: number } | undefined {
    let end = at;
    while (end < this.src.length && this.src[end]! >= '0' && this.src[end]! <= '9') end++;
    const digits = this.src.slice(at, end);
    if (!digits || (digits.length >= 2 && digits[0] === '0')) return undefined;
    let value = 0;
    for (const d of digits) {
      if (value >= 1e8) return { value: -1, end };
      value = value * 10 + Number(d);
    }
    return { value, end };
  }

  /**
   * `(?` groups: named captures `(?P<name>re)`, flag changes `(?i)` (returns undefined, the
   * flags change for the rest of the enclosing group) and non-capturing groups `(?i:re)`.
   */
  private perlGroup(flags: Flags, depth: number): Node | undefined {
    const start = this.s.pos;
    const src = this.src;
    if (src.length - start > 4 && src[start + 2] === 'P' && src[start + 3] === '<') {
      const end = src.indexOf('>', start);
      if (end < 0) this.s.fail('invalid named capture', src.slice(start));
      const name = src.slice(start + 4, end);
      if (!CAPTURE_NAME.test(name)) this.s.fail('invalid named capture', src.slice(start, end + 1));
      this.s.pos = end + 1;
      const index = this.names.push(name) - 1;
      return { kind: 'capture', index, sub: this.groupBody(flags, depth) };
    }
    const next = { ...flags };
    let on = true;
    let sawFlag = false;
    let at = start + 2;
    while (at < src.length) {
      const { cp, width } = this.s.runeAt(at);
      at += width;
      const c = String.fromCodePoint(cp);
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        next[c] = on;
        sawFlag = true;
      } else if (c === '-' && on) {
        on = false;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && (on || sawFlag)) {
        this.s.pos = at;
        if (c === ':') return this.groupBody(next, depth);
        Object.assign(flags, next);
        return undefined;
      } else {
        break;
      }
    }
    this.s.fail('invalid or unsupported Perl syntax', src.slice(start, at));
  }

  private literal(cp: number, flags: Flags): Node {
    return { kind: 'literal', cp, fold: flags.i && orbit(cp).length > 1 };
  }

  /** A backslash outside a class: assertions, \Q..\E, class escapes, then single characters. */
  private backslash(flags: Flags, items: Node[]): void {
    const start = this.s.pos;
    const next = this.src[start + 1];
    const simple: Record<string, AssertOp> = { A: 'beginText', z: 'endText', b: 'wordBoundary', B: 'noWordBoundary' };
    if (next !== undefined && Object.hasOwn(simple, next)) {
      this.s.pos += 2;
      items.push(assert(simple[next]!));
      return;
    }
    if (next === 'C') this.s.fail('invalid escape sequence', '\\C');
    if (next === 'Q') {
      const end = this.src.indexOf('\\E', start + 2);
      const text = this.src.slice(start + 2, end < 0 ? undefined : end);
      this.s.pos = end < 0 ? this.src.length : end + 2;
      for (const ch of text) items.push(this.literal(ch.codePointAt(0)!, flags));
      return;
    }
    if (next === 'p' || next === 'P') {
      items.push({ kind: 'class', set: unicodeClass(this.s, flags.i), negated: false });
      return;
    }
    const perl = perlClass(this.s, flags.i);
    if (perl) {
      items.push({ kind: 'class', set: { ...emptySet(), ranges: perl }, negated: false });
      return;
    }
    items.push(this.literal(this.s.escape(), flags));
  }






}

function assert(op: AssertOp): Node {
  return { kind: 'assert', op };
}

function concat(items: Node[]): Node {
  if (items.length === 0) return { kind: 'empty' };
  return items.length === 1 ? items[0]! : { kind: 'concat', subs: items };
}
