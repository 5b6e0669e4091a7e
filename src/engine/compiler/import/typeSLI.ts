import type { MetricIndex } from '../../../library/catalog/metricIndex.js';
import type { Expr, LabelMatcher } from '../../../library/promql/ast.js';
import type { ProjectCatalog } from './catalogs.js';
import { catalogSeries, type MetricRef, type SeriesRef } from './catalogSeries.js';
import { sourceQueries, type ImportedSLO, type SourceQuery } from './model.js';
import { parseWindowed, rateSum, rateSumDifference, type RateSum } from './rateSum.js';
import { IMPORT_CODES, type SpecFile } from './specFile.js';
import { undeclaredHint, type CatalogPlan } from './undeclared.js';

/** An imported SLI as it will be written: typed from the catalog where possible, raw otherwise. */
export type PlannedSLI =
  | { kind: 'ratio'; errors?: SeriesRef; good?: SeriesRef; total: SeriesRef; groupBy: string[] }
  | { kind: 'latency'; histogram: MetricRef; threshold: number; where: LabelMatcher[]; groupBy: string[] }
  | { kind: 'raw'; errors: string; total: string }
  | { kind: 'raw'; errorRatio: string };

interface Context {
  file: SpecFile;
  index: MetricIndex;
  catalogs: readonly ProjectCatalog[];
  slo: ImportedSLO;
  /** How the metrics no catalog declares would be declared, for the hint of a raw SLI. */
  plan: CatalogPlan;
}

interface Typed {
  sum: RateSum;
  series: SeriesRef;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function matcherKeys(matchers: readonly LabelMatcher[]): string[] {
  return matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).sort();
}

/** One query as a typed windowed sum over a catalog counter, or why it is not one. */
function typed(expr: Expr, ctx: Context): Typed | string {
  const sum = rateSum(expr);
  if (typeof sum === 'string') return sum;
  const series = catalogSeries(sum.selector, ctx.index, ctx.catalogs);
  if (typeof series === 'string') return series;
  const missing = sum.groupBy.find((l) => !series.labels.has(l));
  if (missing) return `it groups by "${missing}", which ${series.name} does not have`;
  return { sum, series };
}

/**
 * `sum(rate(h_count{m}[w])) - sum(rate(h_bucket{m,le="t"}[w]))` over `sum(rate(h_count{m}[w]))`
 * (or `h_bucket{le="t"}` as good events): the share of observations slower than a bucket.
 */
function latencyPlan(numerator: Expr, isGood: boolean, total: Typed, ctx: Context): PlannedSLI | undefined {
  const count = total.series;
  if (count.part !== 'count' || !count.histogram) return undefined;
  let parts: Typed[];
  let fast: Typed;
  if (isGood) {
    const g = typed(numerator, ctx);
    if (typeof g === 'string') return undefined;
    fast = g;
    parts = [total, g];
  } else {
    const diff = rateSumDifference(numerator);
    if (!diff) return undefined;
    const lhs = catalogSeries(diff[0].selector, ctx.index, ctx.catalogs);
    const rhs = catalogSeries(diff[1].selector, ctx.index, ctx.catalogs);
    if (typeof lhs === 'string' || typeof rhs === 'string') return undefined;
    fast = { sum: diff[1], series: rhs };
    parts = [total, { sum: diff[0], series: lhs }, fast];
  }
  const bucket = fast.series;
  const le = bucket.matchers.filter((m) => m.name === 'le');
  if (bucket.part !== 'bucket' || bucket.key !== count.key || bucket.catalog !== count.catalog || le.length !== 1 || le[0]!.op !== '=') return undefined;
  const threshold = count.histogram.buckets.find((b) => String(b) === le[0]!.value);
  if (threshold === undefined) return undefined;
  const where = count.matchers;
  const sameKey = (p: Typed) => p.series.key === count.key && p.series.catalog === count.catalog;
  const sameMatchers = (p: Typed) => sameSet(matcherKeys(p.series.matchers.filter((m) => m.name !== 'le')), matcherKeys(where));
  const sameSum = (p: Typed) => p.sum.func === total.sum.func && sameSet(p.sum.groupBy, total.sum.groupBy);
  if (!parts.every((p) => sameKey(p) && sameMatchers(p) && sameSum(p))) return undefined;
  return { kind: 'latency', histogram: { catalog: count.catalog, key: count.key }, threshold, where, groupBy: total.sum.groupBy };
}

/** The typed SLI of two per-window queries, or the reasons, by query, there is none. */
function eventsPlan(numerator: { query: SourceQuery; expr: Expr; isGood: boolean }, total: { query: SourceQuery; expr: Expr }, ctx: Context): PlannedSLI | Map<SourceQuery, string> {
  const t = typed(total.expr, ctx);
  if (typeof t !== 'string') {
    const latency = latencyPlan(numerator.expr, numerator.isGood, t, ctx);
    if (latency) return latency;
  }
  const n = typed(numerator.expr, ctx);
  const reasons = new Map<SourceQuery, string>();
  if (typeof n === 'string') reasons.set(numerator.query, n);
  if (typeof t === 'string') reasons.set(total.query, t);
  if (typeof n === 'string' || typeof t === 'string') return reasons;
  if (n.sum.func !== t.sum.func) reasons.set(numerator.query, `it takes ${n.sum.func}() while ${total.query.label} takes ${t.sum.func}()`);
  else if (!sameSet(n.sum.groupBy, t.sum.groupBy)) reasons.set(numerator.query, `it groups by (${n.sum.groupBy.join(', ')}) while ${total.query.label} groups by (${t.sum.groupBy.join(', ')})`);
  else if (!sameSet([...n.series.labels.keys()], [...t.series.labels.keys()])) reasons.set(numerator.query, `${n.series.name} and ${t.series.name} have different labels`);
  if (reasons.size > 0) return reasons;
  const errors = numerator.isGood ? complement(n.series, t.series) : n.series;
  const side = errors ? { errors } : { good: n.series };
  return { kind: 'ratio', ...side, total: t.series, groupBy: t.sum.groupBy };
}

const NEGATED: Readonly<Record<LabelMatcher['op'], LabelMatcher['op']>> = { '=': '!=', '!=': '=', '=~': '!~', '!~': '=~' };

/**
 * Good events that are the total's series with one matcher more (`code!~"5.."`) are turned
 * into bad events with that matcher negated (`code=~"5.."`): the same SLI, since a matcher is
 * tested against the label's value ("" when absent), and the form lookout's generated tests can
 * drive. Undefined when the good selector is not of that shape.
 */
function complement(good: SeriesRef, total: SeriesRef): SeriesRef | undefined {
  if (good.catalog !== total.catalog || good.key !== total.key || good.part !== total.part) return undefined;
  const totalKeys = matcherKeys(total.matchers);
  const extra = good.matchers.filter((m) => !totalKeys.includes(matcherKeys([m])[0]!));
  if (extra.length !== 1 || good.matchers.length !== total.matchers.length + 1) return undefined;
  const m = extra[0]!;
  return { ...total, matchers: [...total.matchers, { name: m.name, op: NEGATED[m.op], value: m.value }] };
}

/** A query for a raw SLI: on one line where that changes nothing (no comments, no raw strings). */
function oneLine(query: string): string {
  if (/[#`]/.test(query)) return query.trim();
  return query
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

/** Warns that `query` is kept as PromQL, and how to declare the metrics generate will not know. */
function warnRaw(ctx: Context, query: SourceQuery, expr: Expr, reason: string, hint?: string): void {
  const undeclared = undeclaredHint(expr, ctx.index, ctx.plan);
  const hints = [hint, undeclared].filter((h): h is string => h !== undefined);
  ctx.file.report('warning', IMPORT_CODES.raw, query.where, `SLO "${ctx.slo.name}": ${reason}; imported as a raw SLI`, hints.length ? hints.join('; ') : undefined);
}

/**
 * Types an imported SLI against the project's catalogs. Windowed sums of rates over catalog
 * counters become `ratio()` (or `latency()` for a histogram's buckets); anything else is kept
 * as `rawSLI()` PromQL, with a warning naming the query and why. Invalid PromQL is an error.
 */
export function typeSLI(ctx: Context): PlannedSLI | undefined {
  const sli = ctx.slo.sli;
  const queries = sourceQueries(sli);
  const exprs: Expr[] = [];
  for (const q of queries) {
    const expr = parseWindowed(q.windowed);
    if (typeof expr === 'string') ctx.file.error(q.where, `not valid PromQL: ${expr}`);
    else exprs.push(expr);
  }
  if (exprs.length < queries.length) return undefined;
  if (sli.kind === 'error-ratio') {
    warnRaw(ctx, sli.errorRatio, exprs[0]!, 'an error ratio query cannot be typed', 'lookout can only average a precomputed ratio over each window; error and total queries are weighted by traffic');
    return { kind: 'raw', errorRatio: oneLine(sli.errorRatio.windowed) };
  }
  // Queries the reader built itself (OpenSLO time slices) are raw by design; it said so already.
  if ('errors' in sli && sli.raw) return { kind: 'raw', errors: oneLine(sli.errors.windowed), total: oneLine(sli.total.windowed) };
  const isGood = !('errors' in sli);
  const numerator = queries[0]!;
  const plan = eventsPlan({ query: numerator, expr: exprs[0]!, isGood }, { query: sli.total, expr: exprs[1]! }, ctx);
  if (!(plan instanceof Map)) return plan;
  for (const [query, reason] of plan) warnRaw(ctx, query, exprs[queries.indexOf(query)]!, reason);
  const total = oneLine(sli.total.windowed);
  const errors = isGood ? `(${total}) - (${oneLine(numerator.windowed)})` : oneLine(numerator.windowed);
  return { kind: 'raw', errors, total };
}
