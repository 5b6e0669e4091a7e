/**
 * Tokenizer for Go text/template (Go 1.19, which Debian's Prometheus 2.42 is built with).
 *
 * Positions are JS string offsets into the template; Go reports UTF-8 byte offsets, which
 * the error formatter derives when it needs them. The lexer stops at the first error, like
 * Go's, emitting an `error` token carrying Go's message.
 */

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'bool'
  | 'field'
  | 'variable'
  | 'dot'
  | 'number'
  | 'complex'
  | 'charConstant'
  | 'string'
  | 'rawString'
  | 'leftParen'
  | 'rightParen'
  | 'pipe'
  | 'assign'
  | 'declare'
  | 'char'
  | 'eof'
  | 'error';

export interface Token {
  type: TokenType;
  /** Source text of the token (for `text`, after trimming; for `error`, the message). */
  value: string;
  pos: number;
  /** End offset of the token in the template (exclusive). */
  end: number;
  line: number;
}

export const KEYWORDS = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'nil',
  'template',
  'with',
]);

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}_]$/u;
export const isAlphaNumeric = (c: string | undefined) => c !== undefined && LETTER_OR_DIGIT.test(c);

const hasLeftTrimMarker = (s: string, i: number) => s[i] === '-' && isSpace(s[i + 1]);
const hasRightTrimMarker = (s: string, i: number) => isSpace(s[i]) && s[i + 1] === '-';

/** Splits a template into Go's token stream. */
export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (type: TokenType, value = input.slice(start, pos)) => {
    tokens.push({ type, value, pos: start, end: pos, line: startLine });
    start = pos;
    startLine = line;
  };
  // Callers move pos with advance(), which keeps the line count.
  const ignore = () => {
    start = pos;
    startLine = line;
  };
  const advance = (n: number) => {
    line += countNewlines(input.slice(pos, pos + n));
    pos += n;
  };
  let actionStart = 0;
  const fail = (message: string, from = start) => {
    const end = Math.min(input.length, Math.max(pos, from + 1));
    tokens.push({ type: 'error', value: message, pos: Math.min(from, input.length), end, line: startLine });
  };
  const next = (): string | undefined => {
    if (pos >= input.length) {
      pos = input.length + 1;
      return undefined;
    }
    const cp = input.codePointAt(pos)!;
    const ch = String.fromCodePoint(cp);
    advance(ch.length);
    return ch;
  };
  const backup = (ch: string | undefined) => {
    if (ch === undefined) pos = input.length;
    else {
      pos -= ch.length;
      if (ch === '\n') line--;
    }
  };
  const peek = (): string | undefined => {
    if (pos >= input.length) return undefined;
    return String.fromCodePoint(input.codePointAt(pos)!);
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (hasRightTrimMarker(input, pos) && input.startsWith('}}', pos + 2)) return { delim: true, trim: true };
    return { delim: input.startsWith('}}', pos), trim: false };
  };
  const atTerminator = (): boolean => {
    const r = peek();
    if (r === undefined || isSpace(r)) return true;
    if ('.,|:)('.includes(r)) return true;
    return input.startsWith('}}', pos);
  };
  const acceptRun = (valid: string) => {
    while (pos < input.length && valid.includes(input[pos]!)) advance(1);
  };
  const accept = (valid: string): boolean => {
    if (pos < input.length && valid.includes(input[pos]!)) {
      advance(1);
      return true;
    }
    return false;
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };

  // Each loop iteration handles one text run and (at most) one action.
  for (;;) {
    // Text up to the next "{{".
    const x = input.indexOf('{{', pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) {
        const text = input.slice(start, pos);
        tokens.push({ type: 'text', value: text, pos: start, end: pos, line: startLine });
        line += countNewlines(text);
      }
      tokens.push({ type: 'eof', value: '', pos, end: pos, line });
      return tokens;
    }
    if (x > pos) {
      pos = x;
      let trimmed = pos;
      if (hasLeftTrimMarker(input, x + 2)) {
        while (trimmed > start && isSpace(input[trimmed - 1])) trimmed--;
      }
      const text = input.slice(start, trimmed);
      line += countNewlines(input.slice(start, pos));
      if (text.length > 0) tokens.push({ type: 'text', value: text, pos: start, end: trimmed, line: startLine });
      start = pos;
      startLine = line;
    }
    // The left delimiter, possibly with a trim marker, possibly opening a comment.
    pos += 2;
    const trimLeft = hasLeftTrimMarker(input, pos);
    const afterMarker = trimLeft ? 2 : 0;
    if (input.startsWith('/*', pos + afterMarker)) {
      advance(afterMarker);
      ignore();
      pos += 2;
      const close = input.indexOf('*/', pos);
      if (close < 0) {
        fail('unclosed comment');
        return finish(tokens, input, line);
      }
      advance(close + 2 - pos);
      const { delim, trim } = atRightDelim();
      if (!delim) {
        fail('comment ends before closing delimiter');
        return finish(tokens, input, line);
      }
      if (trim) advance(2);
      pos += 2;
      if (trim) while (isSpace(input[pos])) advance(1);
      ignore();
      continue;
    }
    actionStart = start;
    emit('leftDelim');
    advance(afterMarker);
    ignore();
    parenDepth = 0;
    // Inside the action.
    for (;;) {
      const { delim, trim } = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) {
          fail('unclosed left paren', actionStart);
          return finish(tokens, input, line);
        }
        if (trim) {
          advance(2);
          ignore();
        }
        pos += 2;
        emit('rightDelim');
        if (trim) {
          while (isSpace(input[pos])) advance(1);
          ignore();
        }
        break;
      }
      const r = next();
      if (r === undefined) {
        fail('unclosed action', actionStart);
        return finish(tokens, input, line);
      }
      if (isSpace(r)) {
        // A trim-marked right delimiter starts with a space: do not swallow it.
        let n = 1;
        while (isSpace(peek())) {
          next();
          n++;
        }
        if (hasRightTrimMarker(input, pos - 1) && input.startsWith('}}', pos + 1)) {
          backup(input[pos - 1]);
          if (n === 1) continue;
        }
        emit('space');
      } else if (r === '=') emit('assign');
      else if (r === ':') {
        if (next() !== '=') {
          fail('expected :=');
          return finish(tokens, input, line);
        }
        emit('declare');
      } else if (r === '|') emit('pipe');
      else if (r === '"' || r === "'") {
        for (;;) {
          const c = next();
          if (c === '\\') {
            const e = next();
            if (e !== undefined && e !== '\n') continue;
          }
          if (c === undefined || c === '\n' || c === '\\') {
            fail(r === '"' ? 'unterminated quoted string' : 'unterminated character constant');
            return finish(tokens, input, line);
          }
          if (c === r) break;
        }
        emit(r === '"' ? 'string' : 'charConstant');
      } else if (r === '`') {
        const close = input.indexOf('`', pos);
        if (close < 0) {
          pos = input.length;
          fail('unterminated raw quoted string');
          return finish(tokens, input, line);
        }
        advance(close + 1 - pos);
        emit('rawString');
      } else if (r === '$' || (r === '.' && !(pos < input.length && input[pos]! >= '0' && input[pos]! <= '9'))) {
        if (atTerminator()) {
          emit(r === '$' ? 'variable' : 'dot');
          continue;
        }
        let c: string | undefined;
        for (;;) {
          c = next();
          if (!isAlphaNumeric(c)) {
            backup(c);
            break;
          }
        }
        if (!atTerminator()) {
          fail(`bad character ${goRuneName(peek())}`);
          return finish(tokens, input, line);
        }
        emit(r === '$' ? 'variable' : 'field');
      } else if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
        backup(r);
        if (!scanNumber()) {
          fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
          return finish(tokens, input, line);
        }
        if (peek() === '+' || peek() === '-') {
          if (!scanNumber() || input[pos - 1] !== 'i') {
            fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
            return finish(tokens, input, line);
          }
          emit('complex');
        } else emit('number');
      } else if (isAlphaNumeric(r)) {
        let c: string | undefined;
        for (;;) {
          c = next();
          if (!isAlphaNumeric(c)) {
            backup(c);
            break;
          }
        }
        if (!atTerminator()) {
          fail(`bad character ${goRuneName(peek())}`);
          return finish(tokens, input, line);
        }
        const word = input.slice(start, pos);
        emit(KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : 'identifier');
      } else if (r === '(') {
        emit('leftParen');
        parenDepth++;
      } else if (r === ')') {
        emit('rightParen');
        parenDepth--;
        if (parenDepth < 0) {
          fail(`unexpected right paren ${goRuneName(r)}`);
          return finish(tokens, input, line);
        }
      } else if ((r.codePointAt(0) ?? 0) < 0x7f && (r.codePointAt(0) ?? 0) >= 0x20) emit('char');
      else {
        fail(`unrecognized character in action: ${goRuneName(r)}`);
        return finish(tokens, input, line);
      }
    }
    start = pos;
    startLine = line;
  }
}

function finish(tokens: Token[], input: string, line: number): Token[] {
  tokens.push({ type: 'eof', value: '', pos: input.length, end: input.length, line });
  return tokens;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Go's %#U rendering of a rune: U+0029 ')'. */
export function goRuneName(ch: string | undefined): string {
  if (ch === undefined) return 'U+FFFFFFFF';
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}
