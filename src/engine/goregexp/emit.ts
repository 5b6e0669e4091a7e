import type { CharSet, Node } from './ast.js';
import { orbit } from './fold.js';
import { codePointText, rangesText } from './ranges.js';

/**
 * Writes a parse tree as JavaScript RegExp source for the `u` flag alone. Nothing is left to
 * JavaScript's defaults, which differ from Go's: `.` and `[^\n]` are spelled out, multi-line
 * `^`/`$` only honour `\n` (JS's `m` also breaks at `\r`, U+2028, U+2029), case folding is
 * expanded into classes (JS cannot scope `i`), and every group is a plain numbered group.
 */
export function emit(node: Node): string {
  switch (node.kind) {
    case 'empty':
      return '';
    case 'literal':
      return node.fold ? `[${orbit(node.cp).map(codePointText).join('')}]` : codePointText(node.cp);
    case 'any':
      return node.dotNL ? '[^]' : '[^\\n]';
    case 'class':
      return charClass(node.set, node.negated);
    case 'assert':
      return ASSERTIONS[node.op];
    case 'capture':
      return `(${emit(node.sub)})`;
    case 'concat':
      return node.subs.map((s) => (s.kind === 'alternate' ? `(?:${emit(s)})` : emit(s))).join('');
    case 'alternate':
      return node.subs.map(emit).join('|');
    case 'repeat':
      return atom(node.sub) + quantifier(node) + (node.greedy ? '' : '?');
  }
}

const ASSERTIONS = {
  beginText: '^',
  endText: '$',
  beginLine: '(?<![^\\n])',
  endLine: '(?![^\\n])',
  wordBoundary: '\\b',
  noWordBoundary: '\\B',
} as const;

/** Go may repeat anything (`^*`, `(?:a*)*` via `a*(?i)*`); JS needs a group around most of it. */
function atom(node: Node): string {
  const text = emit(node);
  const single = node.kind === 'capture' || node.kind === 'any' || (node.kind === 'class' && text.startsWith('[')) || node.kind === 'literal';
  return single ? text : `(?:${text})`;
}

function quantifier(node: Extract<Node, { kind: 'repeat' }>): string {
  switch (node.op) {
    case 'star':
      return '*';
    case 'plus':
      return '+';
    case 'quest':
      return '?';
    case 'braces':
      return node.max === node.min ? `{${node.min}}` : node.max < 0 ? `{${node.min},}` : `{${node.min},${node.max}}`;
  }
}

/**
 * A union of ranges, properties and complemented sets. A JS class cannot hold a complement,
 * so those become alternatives; negating the whole union then needs a lookahead.
 */
function charClass(set: CharSet, negated: boolean): string {
  const positive = rangesText(set.ranges) + set.properties.join('');
  if (set.complements.length === 0) return negated ? `[^${positive}]` : `[${positive}]`;
  const parts = [...(positive ? [`[${positive}]`] : []), ...set.complements.map((c) => `[^${c}]`)];
  if (!negated) return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
  if (!positive && set.complements.length === 1) return `[${set.complements[0]!}]`;
  return `(?:(?!${parts.join('|')})[^])`;
}
