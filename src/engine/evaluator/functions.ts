import type { Call, Expr } from '../../library/promql/ast.js';
import { unwrapParens } from '../../library/promql/ast.js';
import { dateFunction, DATE_FUNCTIONS } from './dates.js';
import { EvaluationError, UnsupportedError } from './errors.js';
import { goExp, goLog, goLog10, goLog2 } from './gomath.js';
import { histogramQuantile } from './histogramQuantile.js';
import { absentLabels, labelJoin, labelReplace } from './labelFunctions.js';
import { dropMetricName } from './labelSet.js';
import type { NodeEvaluator } from './nodeEvaluator.js';
import { evalRangeFunction, RANGE_FUNCTIONS } from './rangeCall.js';
import { selectVector } from './selectors.js';
import { asScalar, asVector, checkUniqueLabels, scalar, vector, type EvalContext, type Sample, type Value } from './values.js';

/** Element-wise functions whose result only depends on the value; all drop __name__. */
const SIMPLE: Record<string, (v: number) => number> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  sqrt: Math.sqrt,
  exp: goExp,
  ln: goLog,
  log2: goLog2,
  log10: goLog10,
  sgn: (v) => (v < 0 ? -1 : v > 0 ? 1 : v),
  deg: (v) => (v * 180) / Math.PI,
  rad: (v) => (v * Math.PI) / 180,
};

/** Functions that exist in 2.42 but whose Go float algorithms are not reproduced here. */
const NOT_REPRODUCED = new Set(['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh']);

function mapValues(samples: readonly Sample[], f: (v: number) => number): Sample[] {
  return samples.map((s) => ({ labels: dropMetricName(s.labels), value: f(s.value) }));
}

/** go's "NaN should sort to the bottom" for sort() and sort_desc(). */
function sortSamples(samples: readonly Sample[], descending: boolean): Sample[] {
  return [...samples].sort((a, b) => {
    const an = Number.isNaN(a.value);
    const bn = Number.isNaN(b.value);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return descending ? -order : order;
  });
}

function stringArg(arg: Expr | undefined, func: string): string {
  const e = arg && unwrapParens(arg);
  if (e?.type !== 'string') throw new EvaluationError(`${func}: expected a string literal argument`);
  return e.value;
}

/** Which argument is a range vector (the first), or -1. */
function rangeArgument(node: Call): number {
  for (let i = 0; i < node.args.length; i++) {
    const u = unwrapParens(node.args[i]!);
    if (u.type === 'matrix' || u.type === 'subquery') return i;
  }
  return -1;
}

/** A function call, with Prometheus 2.42's choice of which argument is the range vector. */
export function evalCall(node: Call, tMs: number, ctx: EvalContext, evalNode: NodeEvaluator): Value {
  const func = node.func;
  if (NOT_REPRODUCED.has(func)) throw new UnsupportedError(`function ${func}()`, "Go's trigonometry is not reproduced bit for bit");
  const matrixIndex = rangeArgument(node);
  if (matrixIndex >= 0) {
    if (!RANGE_FUNCTIONS.has(func)) throw new UnsupportedError(`function ${func}()`);
    const out = evalRangeFunction(node, matrixIndex, tMs, ctx, evalNode);
    checkUniqueLabels(out);
    return vector(out);
  }
  const arg = (i: number): Value => {
    const a = node.args[i];
    if (!a) throw new EvaluationError(`${func}: missing argument ${i + 1}`);
    return evalNode(a, tMs, ctx);
  };
  const scalarArg = (i: number): number => asScalar(arg(i), func);
  const vectorArg = (i: number): Sample[] => asVector(arg(i), func);

  let out: Sample[];
  const simple = SIMPLE[func];
  if (simple) out = mapValues(vectorArg(0), simple);
  else if (DATE_FUNCTIONS.has(func)) {
    if (node.args.length === 0) out = [{ labels: [], value: dateFunction(func, Math.trunc(tMs / 1000)) }];
    else out = mapValues(vectorArg(0), (v) => dateFunction(func, v));
  } else {
    switch (func) {
      case 'time':
        return scalar(tMs / 1000);
      case 'pi':
        return scalar(Math.PI);
      case 'scalar': {
        const v = vectorArg(0);
        return scalar(v.length === 1 ? v[0]!.value : NaN);
      }
      case 'vector':
        out = [{ labels: [], value: scalarArg(0) }];
        break;
      case 'round': {
        const toNearest = node.args.length >= 2 ? scalarArg(1) : 1;
        // Prometheus multiplies by the inverse; it rounds differently from dividing.
        const inverse = 1 / toNearest;
        out = mapValues(vectorArg(0), (v) => Math.floor(v * inverse + 0.5) / inverse);
        break;
      }
      case 'clamp': {
        const v = vectorArg(0);
        const min = scalarArg(1);
        const max = scalarArg(2);
        out = max < min ? [] : mapValues(v, (x) => goMax(min, goMin(max, x)));
        break;
      }
      case 'clamp_min': {
        const v = vectorArg(0);
        const min = scalarArg(1);
        out = mapValues(v, (x) => goMax(min, x));
        break;
      }
      case 'clamp_max': {
        const v = vectorArg(0);
        const max = scalarArg(1);
        out = mapValues(v, (x) => goMin(max, x));
        break;
      }
      case 'timestamp': {
        const a = node.args[0] && unwrapParens(node.args[0]);
        // Only a bare selector reports its samples' own times; anything else the step time.
        if (a?.type === 'vector') out = selectVector(a, tMs, ctx).map((s) => ({ labels: dropMetricName(s.labels), value: (s.ts ?? tMs) / 1000 }));
        else out = mapValues(vectorArg(0), () => tMs / 1000);
        break;
      }
      case 'absent':
        out = vectorArg(0).length > 0 ? [] : [{ labels: absentLabels(node.args[0]), value: 1 }];
        break;
      case 'sort':
      case 'sort_desc':
        out = sortSamples(vectorArg(0), func === 'sort_desc');
        break;
      case 'label_replace':
        out = labelReplace(vectorArg(0), stringArg(node.args[1], func), stringArg(node.args[2], func), stringArg(node.args[3], func), stringArg(node.args[4], func));
        break;
      case 'label_join':
        out = labelJoin(
          vectorArg(0),
          stringArg(node.args[1], func),
          stringArg(node.args[2], func),
          node.args.slice(3).map((a) => stringArg(a, func)),
        );
        break;
      case 'histogram_quantile': {
        const q = scalarArg(0);
        out = histogramQuantile(q, vectorArg(1));
        break;
      }
      case 'histogram_count':
      case 'histogram_sum':
        // Only native histogram samples count; promtool 2.42 input series are all floats.
        vectorArg(0);
        out = [];
        break;
      case 'histogram_fraction':
        scalarArg(0);
        scalarArg(1);
        vectorArg(2);
        out = [];
        break;
      default:
        throw new UnsupportedError(`function ${func}()`);
    }
  }
  checkUniqueLabels(out);
  return vector(out);
}

/** math.Max: +Inf beats NaN, NaN beats everything else (Math.max lets NaN win always). */
function goMax(a: number, b: number): number {
  if (a === Infinity || b === Infinity) return Infinity;
  return Math.max(a, b);
}

/** math.Min: -Inf beats NaN. */
function goMin(a: number, b: number): number {
  if (a === -Infinity || b === -Infinity) return -Infinity;
  return Math.min(a, b);
}
