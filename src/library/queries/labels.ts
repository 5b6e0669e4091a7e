import { mergeLabelValues, type MetricIndex } from '../catalog/metricIndex.js';
import { selectorMetricName, valueType, type Expr, type VectorSelector } from '../promql/ast.js';

/**
 * The labels an expression's result series carry, as Prometheus computes them. A label
 * maps to its closed values when known. `complete` is false when the result may carry
 * labels lookout cannot see (an unknown metric, ALERTS, a label_replace source).
 */
export interface LabelFlow {
  readonly labels: ReadonlyMap<string, readonly string[] | undefined>;
  readonly complete: boolean;
}

type Labels = Map<string, readonly string[] | undefined>;

const NONE: LabelFlow = { labels: new Map(), complete: true };

/** Labels every selector result carries, whatever the metric. */
function fromSelector(sel: VectorSelector, index: MetricIndex): LabelFlow {
  const name = selectorMetricName(sel);
  const info = name ? index.get(name) : undefined;
  // An equality matcher pins its label to one value (an empty value means the label is absent).
  const pinned = (m: VectorSelector['matchers'][number]) => (m.op === '=' && m.value !== '' ? [m.value] : undefined);
  if (!info) {
    // Unknown metric: at least the labels it is matched on exist.
    return { labels: new Map(sel.matchers.filter((m) => m.name !== '__name__').map((m) => [m.name, pinned(m)])), complete: false };
  }
  // A recorded name many rules share (one per SLO): only the rules whose labels the selector's
  // equality matchers can match produce its series.
  const pins = sel.matchers.filter((m) => m.name !== '__name__' && pinned(m));
  const variants = index.recordingVariantsMatching(info.name, pins);
  const fromRules = variants.length > 0 && variants.length < index.recordingVariantCount(info.name) ? variants.reduce((a, b) => mergeLabelValues(a, b)) : info.labels;
  const labels: Labels = new Map(fromRules);
  for (const m of sel.matchers) {
    if (m.name !== '__name__' && labels.has(m.name) && pinned(m)) labels.set(m.name, pinned(m));
  }
  return { labels, complete: info.labelsComplete };
}

function only(flow: LabelFlow, keep: readonly string[]): LabelFlow {
  const labels: Labels = new Map();
  for (const k of keep) labels.set(k, flow.labels.get(k));
  return { labels, complete: true };
}

function without(flow: LabelFlow, drop: readonly string[]): LabelFlow {
  const labels: Labels = new Map(flow.labels);
  for (const k of drop) labels.delete(k);
  return { labels, complete: flow.complete };
}

function withLabels(flow: LabelFlow, add: readonly string[], from?: LabelFlow): LabelFlow {
  const labels: Labels = new Map(flow.labels);
  for (const k of add) labels.set(k, from?.labels.get(k));
  return { labels, complete: flow.complete };
}

function union(a: LabelFlow, b: LabelFlow): LabelFlow {
  const labels: Labels = new Map(a.labels);
  for (const [k, v] of b.labels) {
    const mine = labels.get(k);
    labels.set(k, mine && v ? [...new Set([...mine, ...v])] : undefined);
  }
  return { labels, complete: a.complete && b.complete };
}

function firstVectorArg(args: readonly Expr[]): Expr | undefined {
  return args.find((a) => valueType(a) === 'vector' || valueType(a) === 'matrix');
}

function fromAbsent(arg: Expr | undefined): LabelFlow {
  // absent() returns the equality matchers of its selector as labels.
  const sel = arg?.type === 'matrix' ? arg.vector : arg?.type === 'vector' ? arg : undefined;
  if (!sel) return NONE;
  const labels: Labels = new Map();
  for (const m of sel.matchers) if (m.op === '=' && m.name !== '__name__') labels.set(m.name, [m.value]);
  return { labels, complete: true };
}

function stringArg(arg: Expr | undefined): string | undefined {
  return arg?.type === 'string' ? arg.value : undefined;
}

/** Infers the labels of `expr`'s result series. */
export function inferLabels(expr: Expr, index: MetricIndex): LabelFlow {
  switch (expr.type) {
    case 'number':
    case 'string':
      return NONE;
    case 'vector':
      return fromSelector(expr, index);
    case 'matrix':
      return fromSelector(expr.vector, index);
    case 'subquery':
    case 'paren':
    case 'unary':
      return inferLabels(expr.expr, index);
    case 'call': {
      const first = firstVectorArg(expr.args);
      switch (expr.func) {
        case 'histogram_quantile':
          return without(inferLabels(expr.args[1] ?? first ?? expr, index), ['le']);
        case 'label_replace':
        case 'label_join': {
          const dst = stringArg(expr.args[1]);
          const base = first ? inferLabels(first, index) : NONE;
          return dst ? withLabels(base, [dst]) : { ...base, complete: false };
        }
        case 'absent':
        case 'absent_over_time':
          return fromAbsent(expr.args[0]);
        case 'vector':
        case 'time':
        case 'scalar':
        case 'pi':
          return NONE;
        default:
          return first ? inferLabels(first, index) : NONE;
      }
    }
    case 'aggregate': {
      const input = inferLabels(expr.expr, index);
      if (expr.op === 'topk' || expr.op === 'bottomk' || expr.op === 'limitk' || expr.op === 'limit_ratio') return input;
      let out: LabelFlow;
      if (!expr.grouping) out = NONE;
      else if (expr.grouping.mode === 'by') out = only(input, expr.grouping.labels);
      else out = without(input, expr.grouping.labels);
      if (expr.op === 'count_values') {
        const label = stringArg(expr.param);
        if (label) out = withLabels(out, [label]);
      }
      return out;
    }
    case 'binary': {
      const lt = valueType(expr.lhs);
      const rt = valueType(expr.rhs);
      if (lt === 'scalar' && rt === 'scalar') return NONE;
      const lhs = inferLabels(expr.lhs, index);
      const rhs = inferLabels(expr.rhs, index);
      if (lt === 'scalar') return rhs;
      if (rt === 'scalar') return lhs;
      if (expr.op === 'and' || expr.op === 'unless') return lhs;
      if (expr.op === 'or') return union(lhs, rhs);
      const m = expr.matching;
      if (!m) return lhs;
      const [many, one] = m.card === 'one-to-many' ? [rhs, lhs] : [lhs, rhs];
      if (m.card === 'one-to-one') return m.mode === 'on' ? only(many, m.labels) : without(many, m.labels);
      // Grouped matching keeps the "many" side's labels and copies the included ones.
      return withLabels(many, m.include, one);
    }
  }
}
