import { RegexpUnsupportedError } from './errors.js';

/** What a template needs from a match: group texts by number, undefined when unset. */
export interface ExpandContext {
  groups: readonly (string | undefined)[];
  names: readonly string[];
  /** Groups whose unset JS value Go might report as set (see loops.ts). */
  loopSkippable: ReadonlySet<number>;
  pattern: string;
}

/**
 * Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}` and `$$`. A bare reference takes the
 * longest run of letters, digits and underscores, so `$2_` names the group "2_" (usually
 * none, giving "") — the classic label_replace surprise, reproduced rather than fixed.
 */
export function expand(template: string, ctx: ExpandContext): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extract(rest);
    if (!ref) {
      // Malformed: Go keeps the '$' as text.
      out += '$';
      continue;
    }
    rest = ref.rest;
    out += ref.num >= 0 ? groupText(ctx, ref.num) : namedText(ctx, ref.name);
  }
  return out + rest;
}

/** Go's extract: the reference after a '$'; `num` is -1 when it is a name. */
function extract(text: string): { name: string; num: number; rest: string } | undefined {
  const brace = text.startsWith('{');
  const body = brace ? text.slice(1) : text;
  const name = /^[\p{L}\p{Nd}_]+/u.exec(body)?.[0];
  if (!name) return undefined;
  if (brace && body[name.length] !== '}') return undefined;
  let num = 0;
  for (const c of name) {
    if (c < '0' || c > '9' || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + Number(c);
  }
  // Leading zeros make it a name: "$01" looks up a group named "01".
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: body.slice(name.length + (brace ? 1 : 0)) };
}

function groupText(ctx: ExpandContext, n: number): string {
  const text = ctx.groups[n];
  if (text === undefined && ctx.loopSkippable.has(n)) {
    throw new RegexpUnsupportedError(`group ${n} is unset in its last loop iteration, where Go keeps an earlier value`, ctx.pattern);
  }
  return text ?? '';
}

/** Go uses the first group of that name that took part in the match (names may repeat). */
function namedText(ctx: ExpandContext, name: string): string {
  for (let i = 1; i < ctx.names.length; i++) {
    if (ctx.names[i] !== name) continue;
    const text = groupText(ctx, i);
    if (ctx.groups[i] !== undefined) return text;
  }
  return '';
}
