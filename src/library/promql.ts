/**
 * `lookout/promql`: the typed PromQL builder and the parser. Its names are PromQL's own
 * (`sum`, `count`, `group`, `time`, `sort`, `vector`), which is why they live here and not in
 * `lookout`: a definition imports the ones it uses, and a name of its own never collides.
 * `import { rate, sum, re } from 'lookout/promql'`.
 */
export { Vector, Scalar, num, type Matching } from './promql/builder/vector.js';
export { Selector, re, not, notRe, type Matchers } from './promql/builder/selector.js';
export { sum, avg, min, max, count, group, stddev, stdvar, topk, bottomk, quantile, Aggregation } from './promql/builder/aggregate.js';
export {
  rate,
  increase,
  irate,
  resets,
  changes,
  delta,
  deriv,
  predictLinear,
  avgOverTime,
  minOverTime,
  maxOverTime,
  sumOverTime,
  lastOverTime,
  stddevOverTime,
  countOverTime,
  presentOverTime,
  absentOverTime,
  absent,
  quantileOverTime,
  subquery,
  histogramQuantile,
  abs,
  ceil,
  floor,
  sqrt,
  sort,
  sortDesc,
  round,
  clampMin,
  clampMax,
  labelReplace,
  time,
  vector,
  scalar,
  secondsSince,
  RangeQuery,
} from './promql/builder/functions.js';
export type { Expr } from './promql/ast.js';
export { parsePromQL } from './promql/parse.js';
export { printPromQL } from './promql/print.js';
