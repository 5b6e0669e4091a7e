import { stringify } from 'yaml';
import { parseDuration } from '../../src/library/duration.js';
import {
  evaluate,
  evaluateOrderChecked,
  firingAlertsAt,
  MemoryStorage,
  parseSeriesValues,
  promtoolLoadedUntil,
  simulateRules,
  type EvalResult,
  type SimGroup,
  type SimRule,
} from '../../src/engine/evaluator/index.js';
import { walk, type Expr } from '../../src/library/promql/ast.js';
import { parsePromQL } from '../../src/library/promql/parse.js';

/**
 * Turns conformance cases into promtool test files whose expectations come from lookout's
 * evaluator. promtool then either agrees bit for bit or prints the difference.
 */

export interface InputSeries {
  series: string;
  values: string;
}

export interface ExprCase {
  expr: string;
  /** Evaluation times as promtool durations. */
  at: string[];
  /**
   * Set when the result at some of these times depends on promtool's random series order
   * (float sums, topk ties): those times are checked for exactly that and not pinned.
   */
  orderDependent?: true;
}

export interface AlertCase {
  alertname: string;
  at: string[];
}

export interface TestGroup {
  name: string;
  interval?: string;
  input: InputSeries[];
  exprs?: ExprCase[];
  alerts?: AlertCase[];
}

export interface RuleDef {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
}

export interface TestFile {
  name: string;
  evaluationInterval?: string;
  /** Alert label templates may use the subset renderTemplate understands. */
  ruleGroups?: Array<{ name: string; rules: RuleDef[] }>;
  groups: TestGroup[];
}

export function ms(duration: string): number {
  const v = parseDuration(duration);
  if (v === undefined) throw new Error(`bad duration ${duration}`);
  return v;
}

/**
 * parsePromQL uses Prometheus 3's grammar, which renamed holt_winters; the battery writes
 * the 2.42 name for promtool and parses the new one.
 */
export function parse(text: string): Expr {
  const r = parsePromQL(text.replace(/\bholt_winters\(/g, 'double_exponential_smoothing('));
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  walk(r.expr, (node) => {
    if (node.type === 'call' && node.func === 'double_exponential_smoothing') node.func = 'holt_winters';
  });
  return r.expr;
}

function seriesLabels(series: string): Record<string, string> {
  const e = parse(series);
  if (e.type !== 'vector') throw new Error(`not a series: ${series}`);
  const labels: Record<string, string> = {};
  if (e.name) labels.__name__ = e.name;
  for (const m of e.matchers) labels[m.name] = m.value;
  return labels;
}

/** The handful of Go template forms the conformance rules use, rendered like text/template. */
export function renderTemplate(text: string, labels: Record<string, string>, value: number): string {
  return text
    .replace(/\{\{\s*if\s+gt\s+\$value\s+([\d.]+)\s*\}\}(.*?)\{\{\s*else\s*\}\}(.*?)\{\{\s*end\s*\}\}/g, (_m, n: string, a: string, b: string) =>
      value > Number(n) ? a : b,
    )
    .replace(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, (_m, name: string) => labels[name] ?? '');
}

function simRules(file: TestFile): SimGroup[] {
  return (file.ruleGroups ?? []).map((g) => ({
    name: g.name,
    rules: g.rules.map((r): SimRule => {
      if (r.record) return { kind: 'record', record: r.record, expr: parse(r.expr), ...(r.labels ? { labels: r.labels } : {}) };
      const labels = r.labels ?? {};
      return {
        kind: 'alert',
        alert: r.alert!,
        expr: parse(r.expr),
        ...(r.for ? { forMs: ms(r.for) } : {}),
        ...(r.keep_firing_for ? { keepFiringForMs: ms(r.keep_firing_for) } : {}),
        labels,
        renderLabels: (sample, value) => Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, renderTemplate(v, sample, value)])),
      };
    }),
  }));
}

function metricString(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  const body = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`)
    .join(', ');
  return `${name}{${body}}`;
}

function hasNaN(result: EvalResult): boolean {
  if (result.type === 'scalar') return Number.isNaN(result.value);
  if (result.type === 'vector') return result.samples.some((s) => Number.isNaN(s.value));
  return false;
}

function expSamples(result: EvalResult, expr: string): Array<{ labels: string; value: number }> {
  if (result.type === 'scalar') return [{ labels: '{}', value: result.value }];
  if (result.type === 'vector') return result.samples.map((s) => ({ labels: metricString(s.labels), value: s.value }));
  throw new Error(`${expr}: promtool only compares vectors and scalars, got ${result.type}`);
}

export interface Built {
  files: Record<string, string>;
  testFiles: string[];
  /** How many expression and alert checks the files hold. */
  checks: number;
  /** Expressions flagged order dependent that really were at some time, as `expr @ time`. */
  orderDependent: string[];
}

/** Builds every test file (and its rule file) with expectations computed by lookout. */
export function buildBattery(testFiles: readonly TestFile[]): Built {
  const files: Record<string, string> = {};
  let checks = 0;
  const orderDependent: string[] = [];
  const unflagged: string[] = [];
  for (const file of testFiles) {
    const ruleFile = `${file.name}.rules.yml`;
    files[ruleFile] = stringify({ groups: file.ruleGroups ?? [] });
    const evalInterval = ms(file.evaluationInterval ?? '1m');
    const tests = file.groups.map((group) => {
      const interval = ms(group.interval ?? '1m');
      const storage = copyOf(group, interval);
      const times = [...(group.exprs ?? []).flatMap((e) => e.at), ...(group.alerts ?? []).flatMap((a) => a.at)].map(ms);
      const maxEval = Math.max(0, ...times);
      const rules = simRules(file);
      const simOpts = { evaluationIntervalMs: evalInterval, untilMs: maxEval };
      // Alternative series orders, simulated on copies, must fire exactly the same alerts.
      const alternatives = [3, 7].map((seed) => simulateRules(rules, copyOf(group, interval), { ...simOpts, seriesOrderSeed: seed }));
      const timeline = simulateRules(rules, storage, simOpts);
      const visible = storage.until(promtoolLoadedUntil(maxEval, evalInterval));
      const promqlTests: unknown[] = [];
      for (const e of group.exprs ?? []) {
        for (const at of e.at) {
          const opts = { subqueryStepMs: evalInterval };
          const { result, orderIndependent } = evaluateOrderChecked(parse(e.expr), ms(at), visible, opts);
          checks++;
          if (!orderIndependent) {
            if (!e.orderDependent) unflagged.push(`${e.expr} @ ${at}`);
            else orderDependent.push(`${e.expr} @ ${at}`);
            continue;
          }
          if (!hasNaN(result)) {
            promqlTests.push({ expr: e.expr, eval_time: at, exp_samples: expSamples(result, e.expr) });
            continue;
          }
          // promtool compares with reflect.DeepEqual, where NaN never equals NaN: check the
          // numbers and the positions of the NaNs separately.
          for (const wrapped of [`(${e.expr}) == (${e.expr})`, `(${e.expr}) != bool (${e.expr})`]) {
            const r = evaluate(parse(wrapped), ms(at), visible, opts);
            if (r.type === 'scalar' && wrapped.includes('== (')) continue;
            promqlTests.push({ expr: wrapped, eval_time: at, exp_samples: expSamples(r, wrapped) });
          }
        }
      }
      const alertTests: unknown[] = [];
      for (const a of group.alerts ?? []) {
        for (const at of a.at) {
          checks++;
          const firing = firingAlertsAt(timeline, a.alertname, ms(at));
          for (const alt of alternatives) {
            const other = firingAlertsAt(alt, a.alertname, ms(at));
            if (JSON.stringify(other.map((f) => f.labels)) !== JSON.stringify(firing.map((f) => f.labels))) {
              throw new Error(`${a.alertname} at ${at} depends on the series order`);
            }
          }
          alertTests.push({
            alertname: a.alertname,
            eval_time: at,
            exp_alerts: firing.map((f) => ({ exp_labels: f.labels })),
          });
        }
      }
      return {
        name: group.name,
        interval: group.interval ?? '1m',
        input_series: group.input,
        ...(promqlTests.length ? { promql_expr_test: promqlTests } : {}),
        ...(alertTests.length ? { alert_rule_test: alertTests } : {}),
      };
    });
    const testFile = `${file.name}.test.yml`;
    // Without group_eval_order promtool evaluates groups in random order, and an alert reading a
    // recording rule of another group would fire one evaluation early or late at random.
    const ruleGroups = file.ruleGroups ?? [];
    const order = ruleGroups.length > 1 ? { group_eval_order: ruleGroups.map((g) => g.name) } : {};
    files[testFile] = stringify({ rule_files: [ruleFile], evaluation_interval: file.evaluationInterval ?? '1m', ...order, tests });
  }
  if (unflagged.length) throw new Error(`these depend on the series order; flag the cases:\n${unflagged.join('\n')}`);
  return { files, testFiles: testFiles.map((f) => `${f.name}.test.yml`), checks, orderDependent };
}

function copyOf(group: TestGroup, interval: number): MemoryStorage {
  return MemoryStorage.fromInputs(
    interval,
    group.input.map((s) => ({ labels: seriesLabels(s.series), values: parseSeriesValues(s.values) })),
  );
}
