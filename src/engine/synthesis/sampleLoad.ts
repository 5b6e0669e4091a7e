import { formatDuration } from '../../library/duration.js';
import { selectorMetricName, walk, type Expr } from '../../library/promql/ast.js';
import type { AlertTestJob } from './job.js';

/**
 * The most samples one query of a `promtool test rules` run may hold at once. Measured with
 * promtool 2.42: its unit-test engine is not the server's (50,000,000 by default) but the test
 * engine with a limit of 10,000; `avg_over_time(x[7d])` over one series sampled every minute
 * passes with 9,999 samples in the window and fails with 10,000 ("query processing would load
 * too many samples into memory"). A range function reads its series one at a time, so what
 * counts is the longest window of one series.
 */
export const PROMTOOL_TEST_MAX_SAMPLES = 10_000;

/**
 * How many samples the search for an alert's tests may read in all, summed over every
 * evaluation of every rule of its job (window samples × series × evaluation steps). The search
 * simulates each step, so this bounds the time one alert's synthesis takes: a budget, not a
 * tool limit. Measured here: 9e6 (the gateway's 7-day cost baseline at a 5m interval) takes a
 * second or two; 1.6e9 (the same at 30s) took about five minutes. An SLO's tiers are derived
 * from the burn arithmetic, not searched, and are bound by the promtool limit alone.
 */
export const SYNTHESIS_SAMPLE_BUDGET = 100_000_000;

export interface WindowRead {
  /** The rule whose query reads the window. */
  rule: string;
  /** The window as written: `[7d]`, or `[30d:1m]` for a subquery. */
  window: string;
  /** Samples of one series in that window, at the rate the series is written in the test. */
  samples: number;
  /** The interval the series is written at in the test. */
  intervalMs: number;
}

function rulesOf(job: AlertTestJob): Array<{ name: string; expr: Expr }> {
  return job.groups.flatMap((g) => g.rules.map((r) => (r.kind === 'record' ? { name: r.record, expr: r.expr } : { name: job.members[r.member]!.rule.name, expr: job.members[r.member]!.expr })));
}

/** Every range a job's rules read, with the samples of one series in it. */
export function windowReads(job: AlertTestJob): WindowRead[] {
  const recorded = new Set(job.groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'record' ? [r.record] : []))));
  const out: WindowRead[] = [];
  for (const { name, expr } of rulesOf(job)) {
    walk(expr, (node) => {
      if (node.type === 'matrix') {
        const metric = selectorMetricName(node.vector);
        // A recorded series is written once per evaluation; an input series once per test interval.
        const intervalMs = metric && recorded.has(metric) ? job.evalIntervalMs : job.intervalMs;
        out.push({ rule: name, window: `[${formatDuration(node.rangeMs)}]`, samples: Math.floor(node.rangeMs / intervalMs) + 1, intervalMs });
      } else if (node.type === 'subquery') {
        const stepMs = node.stepMs ?? job.evalIntervalMs;
        out.push({ rule: name, window: `[${formatDuration(node.rangeMs)}:${formatDuration(stepMs)}]`, samples: Math.floor(node.rangeMs / stepMs) + 1, intervalMs: stepMs });
      }
    });
  }
  return out;
}

/**
 * Why a synthesized test of this job would be refused by promtool or cost too much to derive,
 * if it would: the message names the rule and the window. Undefined when the job is fine.
 */
export function sampleLoadProblem(job: AlertTestJob): string | undefined {
  const reads = windowReads(job);
  const heaviest = reads.reduce<WindowRead | undefined>((a, b) => (a && a.samples >= b.samples ? a : b), undefined);
  if (!heaviest) return undefined;
  if (heaviest.samples >= PROMTOOL_TEST_MAX_SAMPLES) {
    return (
      `${heaviest.rule} reads ${heaviest.window} of a series written every ${formatDuration(heaviest.intervalMs)}: ${heaviest.samples} samples, ` +
      `and promtool test rules refuses a query that holds ${PROMTOOL_TEST_MAX_SAMPLES} or more ("too many samples"); ` +
      'evaluate the group less often (its interval) or record the series at a coarser resolution'
    );
  }
  if (job.slo) return undefined;
  const series = 'series' in job.universe ? Math.max(1, job.universe.series.length) : 1;
  const steps = Math.ceil((2 * job.lookbackMs) / job.evalIntervalMs) + 1;
  const total = steps * series * reads.reduce((sum, r) => sum + r.samples, 0);
  if (total > SYNTHESIS_SAMPLE_BUDGET) {
    return (
      `deriving them would read about ${total.toExponential(1)} samples (${heaviest.rule} reads ${heaviest.window} at each of ${steps} evaluations every ${formatDuration(job.evalIntervalMs)}), ` +
      `over lookout's budget of ${SYNTHESIS_SAMPLE_BUDGET.toExponential(0)}; evaluate the group less often (its interval)`
    );
  }
  return undefined;
}
