import { metricSum, ruleGroups, scrapeSelf, type ApiGroup, type ApiRule } from './prometheus.js';

/**
 * Reads what rule evaluation costs a running Prometheus, from Prometheus itself: every
 * group evaluation's wall time as /api/v1/rules reports it (polled often enough to see each
 * one), per rule as well, and the rule-group duration and process CPU counters of its own
 * /metrics over the same span. A group's first evaluation (cold caches) is left out.
 */

export interface GroupCost {
  name: string;
  intervalSec: number;
  /** Wall seconds of each measured evaluation. */
  evaluations: number[];
  /** Per rule key, seconds of each measured evaluation. */
  rules: Map<string, number[]>;
}

export interface CostCounters {
  seconds: number;
  groupDurationSum: number;
  groupEvaluations: number;
  cpuSeconds: number;
  missedIterations: number;
  failedEvaluations: number;
  compactions: number;
}

export interface MeasuredCost {
  groups: GroupCost[];
  counters: CostCounters;
  unhealthy: string[];
}

/** A rule's key in the breakdown: the record name, or the alert's tier / severity. */
export function ruleKey(rule: ApiRule): string {
  if (rule.type === 'recording') return rule.name;
  const l = rule.labels ?? {};
  return `alert ${l.tier ? `tier ${l.tier}` : (l.sloth_severity ?? l.severity ?? rule.name)}`;
}

async function counters(url: string): Promise<Omit<CostCounters, 'seconds'> & { at: number }> {
  const m = await scrapeSelf(url);
  return {
    at: Date.now() / 1000,
    groupDurationSum: metricSum(m, 'prometheus_rule_group_duration_seconds_sum') ?? 0,
    groupEvaluations: metricSum(m, 'prometheus_rule_group_duration_seconds_count') ?? 0,
    cpuSeconds: metricSum(m, 'process_cpu_seconds_total') ?? 0,
    missedIterations: metricSum(m, 'prometheus_rule_group_iterations_missed_total') ?? 0,
    failedEvaluations: metricSum(m, 'prometheus_rule_evaluation_failures_total') ?? 0,
    compactions: metricSum(m, 'prometheus_tsdb_compactions_total') ?? 0,
  };
}

/**
 * Measures the servers side by side for `measureSec`, after each group of each server
 * evaluated once (`warmupSec` at most). `onTick` reports progress.
 */
export async function measureEvalCost(
  servers: ReadonlyArray<{ name: string; url: string }>,
  opts: { warmupSec: number; measureSec: number; pollMs?: number; onTick?: (msg: string) => void },
): Promise<Map<string, MeasuredCost>> {
  const poll = opts.pollMs ?? 5000;
  const seen = new Map<string, Map<string, string>>(servers.map((s) => [s.name, new Map()]));
  const costs = new Map<string, Map<string, GroupCost>>(servers.map((s) => [s.name, new Map()]));
  const unhealthy = new Map<string, Set<string>>(servers.map((s) => [s.name, new Set()]));
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const observe = async (measuring: boolean) => {
    for (const s of servers) {
      const groups: ApiGroup[] = await ruleGroups(s.url);
      const last = seen.get(s.name)!;
      for (const g of groups) {
        const key = `${g.file};${g.name}`;
        for (const r of g.rules) if (r.health === 'err') unhealthy.get(s.name)!.add(`${g.name}/${r.name}: ${r.lastError}`);
        if (g.lastEvaluation.startsWith('0001-')) continue;
        const before = last.get(key);
        last.set(key, g.lastEvaluation);
        // The first evaluation seen is the cold one, or one that began before measuring.
        if (!measuring || before === undefined || before === g.lastEvaluation) continue;
        const costMap = costs.get(s.name)!;
        const c = costMap.get(key) ?? { name: g.name, intervalSec: g.interval, evaluations: [], rules: new Map<string, number[]>() };
        c.evaluations.push(g.evaluationTime);
        for (const r of g.rules) {
          const k = ruleKey(r);
          c.rules.set(k, [...(c.rules.get(k) ?? []), r.evaluationTime]);
        }
        costMap.set(key, c);
      }
    }
  };

  // Warm-up: until every group of every server has evaluated at least once.
  const warmupEnd = Date.now() + opts.warmupSec * 1000;
  for (;;) {
    await observe(false);
    const groupsEvaluated = await Promise.all(servers.map(async (s) => (await ruleGroups(s.url)).every((g) => !g.lastEvaluation.startsWith('0001-'))));
    if (groupsEvaluated.every(Boolean) || Date.now() > warmupEnd) break;
    await sleep(poll);
  }
  opts.onTick?.('every group evaluated once; measuring');
  const start = await Promise.all(servers.map((s) => counters(s.url)));
  const end = Date.now() + opts.measureSec * 1000;
  let lastTick = Date.now();
  while (Date.now() < end) {
    await sleep(Math.min(poll, Math.max(0, end - Date.now())));
    await observe(true);
    if (Date.now() - lastTick > 60_000) {
      lastTick = Date.now();
      opts.onTick?.(`${Math.round((end - Date.now()) / 1000)} s of measuring left`);
    }
  }
  const stop = await Promise.all(servers.map((s) => counters(s.url)));

  const out = new Map<string, MeasuredCost>();
  servers.forEach((s, i) => {
    const a = start[i]!;
    const b = stop[i]!;
    out.set(s.name, {
      groups: [...costs.get(s.name)!.values()],
      counters: {
        seconds: b.at - a.at,
        groupDurationSum: b.groupDurationSum - a.groupDurationSum,
        groupEvaluations: b.groupEvaluations - a.groupEvaluations,
        cpuSeconds: b.cpuSeconds - a.cpuSeconds,
        missedIterations: b.missedIterations - a.missedIterations,
        failedEvaluations: b.failedEvaluations,
        compactions: b.compactions,
      },
      unhealthy: [...unhealthy.get(s.name)!],
    });
  });
  return out;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Evaluation seconds per minute: each group's median evaluation × its evaluations per minute. */
export function perMinute(cost: MeasuredCost): number {
  return cost.groups.reduce((acc, g) => acc + median(g.evaluations) * (60 / g.intervalSec), 0);
}

/** The same, per rule key, summed over every SLO: which rules the cost is made of. */
export function perMinuteByRule(cost: MeasuredCost): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of cost.groups) {
    for (const [k, xs] of g.rules) out.set(k, (out.get(k) ?? 0) + median(xs) * (60 / g.intervalSec));
  }
  return out;
}

/** Per-minute cost as Prometheus's own counters have it: the mean over the measured span. */
export function countersPerMinute(c: CostCounters): { ruleSeconds: number; cpuSeconds: number } {
  return { ruleSeconds: (c.groupDurationSum / c.seconds) * 60, cpuSeconds: (c.cpuSeconds / c.seconds) * 60 };
}
