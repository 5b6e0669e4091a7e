import type { Node } from './ast.js';
import { children } from './limits.js';

/**
 * Where loops behave differently in Go and JavaScript. Both are leftmost-first, but:
 *
 * - JavaScript clears a loop body's captures at every iteration; Go keeps the last value any
 *   iteration set. `^(?:(a)|b)*$` on "ab" gives $1 = "a" in Go and undefined in JS.
 * - JavaScript rejects a loop iteration that matches empty and backtracks into the body for a
 *   longer one; Go accepts it and stops. `(|a)?` on "a" matches "" in Go and "a" in JS.
 *
 * Neither changes whether a string matches at all (the language is the same), only which
 * match and which group values are reported.
 */

/**
 * Groups inside a loop that can run more than once where some iteration can skip the group.
 * When JS reports such a group as set, the value comes from the last iteration and Go agrees;
 * only an unset one may be a set value in Go.
 */
export function loopSkippableCaptures(root: Node): Set<number> {
  const out = new Set<number>();
  const walk = (node: Node, inLoop: boolean, skippable: boolean) => {
    switch (node.kind) {
      case 'capture':
        if (inLoop && skippable) out.add(node.index);
        walk(node.sub, inLoop, skippable);
        return;
      case 'alternate':
        for (const sub of node.subs) walk(sub, inLoop, skippable || inLoop);
        return;
      case 'repeat': {
        const loops = node.max < 0 || node.max > 1;
        // Skipping only matters below the outermost loop: zero iterations of that one leave
        // the group unset in Go as well.
        walk(node.sub, inLoop || loops, skippable || (inLoop && node.min === 0));
        return;
      }
      default:
        for (const sub of children(node)) walk(sub, inLoop, skippable);
    }
  };
  walk(root, false, false);
  return out;
}

/** Whether some repetition's body can match both the empty string and a non-empty one. */
export function hasAmbiguousEmptyLoop(root: Node): boolean {
  if (root.kind === 'repeat' && root.max !== 0 && nullable(root.sub) && consumes(root.sub)) return true;
  return children(root).some(hasAmbiguousEmptyLoop);
}

function nullable(node: Node): boolean {
  switch (node.kind) {
    case 'empty':
    case 'assert':
      return true;
    case 'capture':
      return nullable(node.sub);
    case 'concat':
      return node.subs.every(nullable);
    case 'alternate':
      return node.subs.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.sub);
    default:
      return false;
  }
}

function consumes(node: Node): boolean {
  switch (node.kind) {
    case 'literal':
    case 'class':
    case 'any':
      return true;
    case 'repeat':
      return node.max !== 0 && consumes(node.sub);
    default:
      return children(node).some(consumes);
  }
}
