import { UnsupportedError } from './errors.js';

/**
 * Go's RE2 syntax compiled to a JavaScript RegExp, fully anchored the way Prometheus anchors
 * label matchers and label_replace (`^(?:re)$`). The common syntax is identical; the few
 * Go-only forms are rewritten, and anything that would silently mean something else in
 * JavaScript is refused.
 */

const cache = new Map<string, RegExp>();

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

function translate(source: string): { pattern: string; flags: string } {
  let flags = '';
  let rest = source;
  const leading = /^\(\?([imsU]+)\)/.exec(rest);
  if (leading) {
    for (const f of leading[1]!) {
      if (f === 'U') throw new UnsupportedError('regex flag (?U)', source);
      if (!flags.includes(f)) flags += f;
    }
    rest = rest.slice(leading[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const next = rest[i + 1] ?? '';
      i++;
      if (next === 'Q' && !inClass) {
        const end = rest.indexOf('\\E', i + 1);
        const literal = rest.slice(i + 1, end < 0 ? undefined : end);
        out += literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? rest.length : end + 1;
      } else if (next === 'z' && !inClass) out += '$';
      else if (next === 'A' && !inClass) out += '^';
      // Go's \s is ASCII whitespace only; JavaScript's also matches Unicode spaces.
      else if (next === 's') out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
      else if (next === 'S' && !inClass) out += '[^\\t\\n\\f\\r ]';
      else if (next === 'p' || next === 'P' || next === 'C' || (next === 'S' && inClass)) {
        throw new UnsupportedError('regex escape \\' + next, source);
      } else out += c + next;
      continue;
    }
    if (inClass) {
      if (c === '[' && rest[i + 1] === ':') {
        const end = rest.indexOf(':]', i + 2);
        const cls = end < 0 ? undefined : POSIX_CLASSES[rest.slice(i + 2, end)];
        if (cls === undefined) throw new UnsupportedError('regex POSIX class', source);
        out += cls;
        i = end + 1;
        continue;
      }
      if (c === '[') {
        out += '\\[';
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A leading `^` and a leading `]` belong to the class itself.
      if (rest[i + 1] === '^') out += rest[++i];
      if (rest[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && rest.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (c === '(' && /^\(\?[imsU-]+[:)]/.test(rest.slice(i))) {
      throw new UnsupportedError('regex inline flags', source);
    }
    out += c;
  }
  return { pattern: out, flags };
}

/** Compiles `^(?:source)$` with Go semantics, cached. Throws UnsupportedError when unsure. */
function compile(source: string): RegExp {
  let re = cache.get(source);
  if (re) return re;
  const { pattern, flags } = translate(source);
  try {
    // Sticky plus an end assertion anchors both ends even when (?m) makes ^ and $ per line.
    re = new RegExp(`(?:${pattern})(?![\\s\\S])`, `${flags}y`);
  } catch (e) {
    throw new UnsupportedError('regex', `${source}: ${(e as Error).message}`);
  }
  cache.set(source, re);
  return re;
}

/** Matches the whole of `text` against a Prometheus regex; null when it does not match. */
export function fullMatch(source: string, text: string): RegExpExecArray | null {
  const re = compile(source);
  re.lastIndex = 0;
  return re.exec(text);
}

/**
 * Go's Regexp.ExpandString: `$1`, `${1}`, `$name`, `${name}` and `$$`. A `$name` takes the
 * longest run of word characters, so `$1x` names group "1x" and expands to "" — a classic
 * label_replace surprise that must be reproduced, not fixed.
 */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$' || i === template.length - 1) {
      out += c;
      continue;
    }
    const next = template[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      name = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^\w+$/.test(name)) {
        out += c;
        continue;
      }
      end = close;
    } else {
      const m = /^\w+/.exec(template.slice(i + 1));
      if (!m) {
        out += c;
        continue;
      }
      name = m[0];
      end = i + name.length;
    }
    out += groupValue(match, name);
    i = end;
  }
  return out;
}

function groupValue(match: RegExpExecArray, name: string): string {
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n < match.length ? (match[n] ?? '') : '';
  }
  return match.groups?.[name] ?? '';
}
