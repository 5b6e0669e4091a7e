import type { Node } from './ast.js';
import { RegexpUnsupportedError } from './errors.js';

/**
 * Go's limits on pattern size. The repeat limit is exact (Go's repeatIsValid, part of the
 * syntax); the nesting and program-size limits depend on the shape of Go's own parse tree and
 * compiled program, so lookout refuses patterns near them instead of guessing which side of
 * the line Go would put them.
 */

export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case 'capture':
    case 'repeat':
      return [node.sub];
    case 'concat':
    case 'alternate':
      return node.subs;
    default:
      return [];
  }
}

/**
 * Go's repeatIsValid: nested `{n,m}` counts may not multiply to more than `n` copies of the
 * innermost expression (`(a{100}){100}` is "invalid repeat count").
 */
export function repeatIsValid(node: Node, n: number): boolean {
  if (node.kind === 'repeat' && node.op === 'braces') {
    let m = node.max;
    if (m === 0) return true;
    if (m < 0) m = node.min;
    if (m > n) return false;
    if (m > 0) n = Math.trunc(n / m);
  }
  return children(node).every((sub) => repeatIsValid(sub, n));
}

/** Go fails at a parse-tree height of 1000; this stays well clear of it in Go's counting. */
const MAX_DEPTH = 400;
/** Go accepted a 1.6M-instruction program and failed on 3.4M (an "internal error"). */
const MAX_PROGRAM = 1_000_000;

export function checkLimits(root: Node, pattern: string): void {
  if (depth(root) > MAX_DEPTH) throw new RegexpUnsupportedError(`nesting deeper than ${MAX_DEPTH}`, pattern);
  if (programSize(root) > MAX_PROGRAM) throw new RegexpUnsupportedError(`a program larger than ${MAX_PROGRAM} instructions`, pattern);
}

function depth(node: Node): number {
  let deepest = 0;
  for (const sub of children(node)) deepest = Math.max(deepest, depth(sub));
  return 1 + deepest;
}

/** Roughly Go's instruction count: `x{n,m}` compiles to n copies plus m-n optional ones. */
function programSize(node: Node): number {
  switch (node.kind) {
    case 'capture':
      return 2 + programSize(node.sub);
    case 'concat':
      return node.subs.reduce((sum, s) => sum + programSize(s), 0);
    case 'alternate':
      return node.subs.reduce((sum, s) => sum + programSize(s) + 1, 0);
    case 'repeat': {
      const sub = programSize(node.sub);
      if (node.op !== 'braces') return sub + 1;
      const optional = node.max < 0 ? 1 : node.max - node.min;
      return node.min * sub + optional * (sub + 1);
    }
    default:
      return 1;
  }
}
