import type { Binary, BinaryOp, VectorMatching } from '../../library/promql/ast.js';
import { isComparison, isSetOp } from '../../library/promql/ast.js';
import { EvaluationError } from './errors.js';
import { goAtan2, goPow } from './gomath.js';
import {
  dropMetricName,
  formatLabels,
  getLabel,
  keepLabels,
  LABEL_SEPARATOR,
  labelsKey,
  METRIC_NAME,
  setLabels,
  withoutLabels,
  type Labels,
} from './labelSet.js';
import { checkUniqueLabels, scalar, vector, type Sample, type Value } from './values.js';

/**
 * Binary operators with Prometheus 2.42's matching rules. Which labels survive: the left
 * side's (the "many" side's under group_right), minus __name__ for arithmetic (not for
 * comparisons, not for atan2), reduced to the `on` labels or without the `ignoring` labels
 * in one-to-one matching, plus group_x labels copied from the "one" side.
 */

const DEFAULT_MATCHING: VectorMatching = { mode: 'ignoring', labels: [], card: 'one-to-one', include: [] };

/** Arithmetic drops the metric name; comparisons and atan2 keep it. */
function dropsName(op: BinaryOp): boolean {
  return op === '+' || op === '-' || op === '*' || op === '/' || op === '^' || op === '%';
}

function arithmetic(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '^':
      return goPow(l, r);
    case '%':
      // JavaScript's % is the exact IEEE remainder Go's math.Mod also computes.
      return l % r;
    case 'atan2':
      return goAtan2(l, r);
    default:
      throw new EvaluationError(`operator ${op} is not arithmetic`);
  }
}

function compare(op: BinaryOp, l: number, r: number): boolean {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '>':
      return l > r;
    case '<':
      return l < r;
    case '>=':
      return l >= r;
    case '<=':
      return l <= r;
    default:
      throw new EvaluationError(`operator ${op} is not a comparison`);
  }
}

/**
 * labelsKey of the labels that matching compares: the `on` labels, or all but __name__ and
 * the `ignoring` ones. Built directly rather than from a filtered copy: it runs for every
 * sample on both sides of every binary operation at every step.
 */
function signature(labels: Labels, m: VectorMatching): string {
  let key = '';
  for (const [name, value] of labels) {
    const listed = m.labels.includes(name);
    if (m.mode === 'on' ? !listed : listed || name === METRIC_NAME) continue;
    key += name + LABEL_SEPARATOR + value + LABEL_SEPARATOR;
  }
  return key;
}

export function evalBinary(node: Binary, lhs: Value, rhs: Value): Value {
  if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
    const value = isComparison(node.op) ? (compare(node.op, lhs.value, rhs.value) ? 1 : 0) : arithmetic(node.op, lhs.value, rhs.value);
    return scalar(value);
  }
  if (lhs.kind === 'vector' && rhs.kind === 'vector') {
    const matching = node.matching ?? DEFAULT_MATCHING;
    const out = isSetOp(node.op)
      ? setOperation(node.op, lhs.samples, rhs.samples, matching)
      : vectorBinop(node.op, lhs.samples, rhs.samples, matching, node.returnBool);
    checkUniqueLabels(out);
    return vector(out);
  }
  if (lhs.kind === 'vector' && rhs.kind === 'scalar') return vector(vectorScalar(node, lhs.samples, rhs.value, false));
  if (lhs.kind === 'scalar' && rhs.kind === 'vector') return vector(vectorScalar(node, rhs.samples, lhs.value, true));
  throw new EvaluationError(`binary ${node.op} between ${lhs.kind} and ${rhs.kind}`);
}

function vectorScalar(node: Binary, samples: readonly Sample[], s: number, scalarOnLeft: boolean): Sample[] {
  const out: Sample[] = [];
  const comparison = isComparison(node.op);
  for (const sample of samples) {
    const l = scalarOnLeft ? s : sample.value;
    const r = scalarOnLeft ? sample.value : s;
    // vectorElemBinop: a comparison filters and keeps the left value, arithmetic computes.
    let keep = comparison ? compare(node.op, l, r) : true;
    let value = comparison ? l : arithmetic(node.op, l, r);
    // A comparison filters but always reports the vector's own value.
    if (comparison && scalarOnLeft) value = r;
    if (node.returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    const labels = dropsName(node.op) || node.returnBool ? dropMetricName(sample.labels) : sample.labels;
    out.push({ labels, value });
  }
  checkUniqueLabels(out);
  return out;
}

function setOperation(op: BinaryOp, lhs: readonly Sample[], rhs: readonly Sample[], m: VectorMatching): Sample[] {
  const sig = (s: Sample): string => signature(s.labels, m);
  switch (op) {
    case 'and': {
      if (lhs.length === 0 || rhs.length === 0) return [];
      const right = new Set(rhs.map(sig));
      return lhs.filter((s) => right.has(sig(s)));
    }
    case 'or': {
      if (lhs.length === 0) return [...rhs];
      if (rhs.length === 0) return [...lhs];
      const left = new Set(lhs.map(sig));
      return [...lhs, ...rhs.filter((s) => !left.has(sig(s)))];
    }
    case 'unless': {
      if (lhs.length === 0 || rhs.length === 0) return [...lhs];
      const right = new Set(rhs.map(sig));
      return lhs.filter((s) => !right.has(sig(s)));
    }
    default:
      throw new EvaluationError(`operator ${op} is not a set operator`);
  }
}

function resultLabels(op: BinaryOp, ls: Labels, rs: Labels, m: VectorMatching): Labels {
  let labels = dropsName(op) ? dropMetricName(ls) : ls;
  if (m.card === 'one-to-one') labels = m.mode === 'on' ? keepLabels(labels, m.labels) : withoutLabels(labels, m.labels);
  if (m.include.length > 0) {
    const changes: Record<string, string> = {};
    for (const name of m.include) changes[name] = getLabel(rs, name);
    labels = setLabels(labels, changes);
  }
  return labels;
}

function vectorBinop(op: BinaryOp, lhsIn: readonly Sample[], rhsIn: readonly Sample[], m: VectorMatching, returnBool: boolean): Sample[] {
  if (lhsIn.length === 0 || rhsIn.length === 0) return [];
  // group_right is handled as group_left with the sides swapped back for the arithmetic.
  const swapped = m.card === 'one-to-many';
  const many = swapped ? rhsIn : lhsIn;
  const one = swapped ? lhsIn : rhsIn;
  // Rules mostly divide one series by one: a single sample needs no map, and a single
  // sample on the "many" side cannot match twice.
  const only = one.length === 1 ? one[0]! : undefined;
  const onlySig = only ? signature(only.labels, m) : '';
  const oneBySig = new Map<string, Sample>();
  if (!only) for (const rs of one) {
    const sig = signature(rs.labels, m);
    const dup = oneBySig.get(sig);
    if (dup) {
      const side = swapped ? 'left' : 'right';
      throw new EvaluationError(
        `found duplicate series for the match group on the ${side} hand-side of the operation: [${formatLabels(rs.labels)}, ${formatLabels(dup.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    oneBySig.set(sig, rs);
  }
  // Signatures already matched; with group_x, the result label sets of each.
  let matchedOnce: Set<string> | undefined;
  let matchedGroups: Map<string, Set<string>> | undefined;
  const comparison = isComparison(op);
  const out: Sample[] = [];
  for (const ls of many) {
    const sig = signature(ls.labels, m);
    const rs = only ? (sig === onlySig ? only : undefined) : oneBySig.get(sig);
    if (!rs) continue;
    const l = swapped ? rs.value : ls.value;
    const r = swapped ? ls.value : rs.value;
    // vectorElemBinop: a comparison filters and keeps the left value, arithmetic computes.
    const keep = comparison ? compare(op, l, r) : true;
    let value = comparison ? l : arithmetic(op, l, r);
    if (returnBool) value = keep ? 1 : 0;
    else if (!keep) continue;
    let labels = resultLabels(op, ls.labels, rs.labels, m);
    if (returnBool) labels = dropMetricName(labels);
    if (many.length === 1) {
      // Nothing to check against.
    } else if (m.card === 'one-to-one') {
      if (matchedOnce?.has(sig)) throw new EvaluationError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      (matchedOnce ??= new Set()).add(sig);
    } else {
      matchedGroups ??= new Map();
      const inserted = matchedGroups.get(sig);
      const key = labelsKey(labels);
      if (inserted?.has(key)) throw new EvaluationError('multiple matches for labels: grouping labels must ensure unique matches');
      if (inserted) inserted.add(key);
      else matchedGroups.set(sig, new Set([key]));
    }
    out.push({ labels, value });
  }
  return out;
}
