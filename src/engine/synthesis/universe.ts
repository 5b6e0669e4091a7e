import type { MetricIndex, SeriesInfo } from '../../library/catalog/metricIndex.js';
import { matchesLabel } from '../goregexp/index.js';
import { selectorMetricName, walk, type Expr, type LabelMatcher } from '../../library/promql/ast.js';
import type { RecordedNames } from './recordedNames.js';

/** One synthetic input "family": a counter, a gauge, or all series of one histogram label set. */
export interface SynthSeries {
  /** The metric name (the base name for a histogram). */
  readonly metric: string;
  readonly kind: 'counter' | 'gauge' | 'histogram';
  /** Labels without `__name__` and `le`. */
  readonly labels: Readonly<Record<string, string>>;
  readonly buckets?: readonly number[];
  readonly states?: readonly number[];
  /** Names of the enum gauge's values, for readable test names. */
  readonly stateNames?: Readonly<Record<number, string>>;
  /** A `*_timestamp_seconds` gauge: healthy means "recently set". */
  readonly timestamp: boolean;
  /** 0 for series the scenario drives, 1 for a control copy that must stay quiet. */
  readonly group: 0 | 1;
  /** Labels worth naming in a test's title: those the query matches on, and the control label. */
  readonly keyLabels: readonly string[];
}

export class SynthesisError extends Error {}

/** Every metric selector an alert depends on, following recording rules to raw metrics. */
export interface SelectorUse {
  info: SeriesInfo;
  matchers: readonly LabelMatcher[];
}

/** Candidate values tried for an open label, in order, when matchers constrain it. */
function openCandidates(label: string, matchers: readonly LabelMatcher[]): string[] {
  const out: string[] = [];
  for (const m of matchers) if (m.op === '=') out.push(m.value);
  for (const m of matchers) if (m.op === '=~') out.push(...regexSamples(m.value));
  out.push(`${label}-a`, `${label}-b`, `${label}-c`, 'other');
  return out;
}

/** A few strings that a simple regex matches: literal alternations and dot/class wildcards. */
export function regexSamples(pattern: string): string[] {
  const alternatives = splitTopLevel(pattern.replace(/^\^|\$$/g, ''));
  return alternatives.map((alt) =>
    alt
      .replace(/\\(.)/g, '$1')
      .replace(/\[([^\]])[^\]]*\]/g, '$1')
      .replace(/\.\*|\.\+/g, 'x')
      .replace(/\./g, '0')
      .replace(/[?*+()]/g, ''),
  );
}

function splitTopLevel(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      current += c + (pattern[++i] ?? '');
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === '|' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** Whether a label value satisfies every matcher, with Prometheus's (Go's) regexp semantics. */
export function satisfies(value: string, matchers: readonly LabelMatcher[]): boolean {
  return matchers.every((m) => matchesLabel(m, value));
}

function pick(label: string, values: readonly string[] | undefined, matchers: readonly LabelMatcher[], exclude: readonly string[] = []): string | undefined {
  const candidates = values ?? openCandidates(label, matchers);
  return candidates.find((v) => !exclude.includes(v) && satisfies(v, matchers));
}

/**
 * Collects the raw-metric selectors `expr` reads, expanding recording rules through
 * `recordings`. Matchers on a recorded series (`job:x:rate5m{code=~"5.."}`) are passed down to
 * the raw selectors that carry the label, so the inputs include a series the outer query
 * actually selects.
 */
/** A recording rule as test synthesis reads it: its query and the labels it sets. */
export interface RecordingSource {
  expr: Expr;
  labels: Readonly<Record<string, string>>;
}

/**
 * Whether a recording rule's output can match these matchers, judged by the labels the rule
 * sets itself: `x{slo="a"}` never reads the rule that records `x` with `slo="b"`.
 */
export function canProduce(ruleLabels: Readonly<Record<string, string>>, matchers: readonly LabelMatcher[]): boolean {
  return matchers.every((m) => !(m.name in ruleLabels) || matchesLabel(m, ruleLabels[m.name]!));
}

export function selectorUses(
  expr: Expr,
  index: MetricIndex,
  recordings: RecordedNames<RecordingSource>,
  inherited: readonly LabelMatcher[] = [],
  seen = new Set<string>(),
): SelectorUse[] {
  const out: SelectorUse[] = [];
  walk(expr, (node) => {
    if (node.type !== 'vector') return;
    const name = selectorMetricName(node);
    const info = name ? index.get(name) : undefined;
    if (!name || !info) throw new SynthesisError(`unknown metric ${name ?? '(unnamed selector)'}`);
    const own = node.matchers.filter((m) => m.name !== '__name__');
    if (info.origin.kind === 'recording') {
      const key = `${name}${JSON.stringify(own)}`;
      if (seen.has(key)) return;
      seen.add(key);
      const wanted = [...inherited, ...own];
      for (const r of recordings.candidates(name, wanted)) {
        if (canProduce(r.labels, wanted)) out.push(...selectorUses(r.expr, index, recordings, wanted, seen));
      }
      return;
    }
    const passed = inherited.filter((m) => info.labels.has(m.name) && !own.some((o) => o.name === m.name));
    out.push({ info, matchers: [...own, ...passed] });
  });
  return out;
}

function baseOf(info: SeriesInfo): { metric: string; kind: SynthSeries['kind']; buckets?: readonly number[] } {
  const o = info.origin;
  if (o.kind === 'metric' && o.metric.type === 'histogram') return { metric: o.metric.info.name, kind: 'histogram', buckets: o.metric.buckets };
  return { metric: info.name, kind: info.type };
}

function key(s: SynthSeries): string {
  return `${s.metric}${JSON.stringify(Object.entries(s.labels).sort())}`;
}

/**
 * The synthetic series an alert's tests feed to promtool: one per selector that satisfies its
 * matchers, one "complement" per selector that does not (so `errors / total` has healthy
 * traffic in the denominator), and a quiet control copy of everything for one output label,
 * so the tests also prove the alert names the right series.
 */
export function buildUniverse(uses: readonly SelectorUse[], jobs: (info: SeriesInfo) => readonly string[], controlLabel: string | undefined): SynthSeries[] {
  const out = new Map<string, SynthSeries>();
  const add = (s: SynthSeries) => {
    if (!out.has(key(s))) out.set(key(s), s);
  };
  for (const use of uses) {
    const base = baseOf(use.info);
    const labels: Record<string, string> = {};
    const byLabel = (l: string) => use.matchers.filter((m) => m.name === l);
    for (const [label, values] of use.info.labels) {
      if (label === 'le') continue;
      const matchers = byLabel(label);
      const preset = label === 'job' ? jobs(use.info) : label === 'instance' ? ['host-a:9090', 'host-b:9090'] : values;
      const value = pick(label, preset, matchers) ?? pick(label, values, matchers);
      if (value === undefined) throw new SynthesisError(`no value of label "${label}" on ${use.info.name} satisfies ${matchers.map((m) => `${m.op}"${m.value}"`).join(', ')}`);
      labels[label] = value;
    }
    const states = use.info.states ? Object.values(use.info.states).sort((a, b) => a - b) : undefined;
    const stateNames = use.info.states ? Object.fromEntries(Object.entries(use.info.states).map(([k, v]) => [v, k])) : undefined;
    const keyLabels = [...new Set([...use.matchers.map((m) => m.name), ...(controlLabel ? [controlLabel] : [])])].filter((l) => l !== 'job' && l in labels);
    const common = { ...base, keyLabels, timestamp: /_timestamp_seconds$/.test(use.info.name), ...(states ? { states, stateNames } : {}) };
    add({ ...common, labels, group: 0 });
    // The complements: same metric, one constrained label at a time flipped to a value the
    // selector rejects, so `good / total` also has bad events whichever label tells them apart.
    const constrained = [...new Set(use.matchers.filter((m) => m.name !== 'le' && m.name !== 'job').map((m) => m.name))];
    for (const name of constrained) {
      const values = use.info.labels.get(name);
      const other = (values ?? openCandidates(name, [])).find((v) => !satisfies(v, byLabel(name)));
      if (other !== undefined) add({ ...common, labels: { ...labels, [name]: other }, group: 0 });
    }
  }
  const driven = [...out.values()];
  if (controlLabel) {
    for (const s of driven) {
      const current = s.labels[controlLabel];
      if (current === undefined) continue;
      const info = uses.find((u) => baseOf(u.info).metric === s.metric)?.info;
      const values = controlLabel === 'instance' ? ['host-b:9090'] : info?.labels.get(controlLabel);
      const matchers = uses.filter((u) => baseOf(u.info).metric === s.metric).flatMap((u) => u.matchers.filter((m) => m.name === controlLabel));
      const other = pick(controlLabel, values, matchers, [current]);
      if (other !== undefined) add({ ...s, labels: { ...s.labels, [controlLabel]: other }, group: 1 });
    }
  }
  return [...out.values()];
}
