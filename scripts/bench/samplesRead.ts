import type { RuleSet } from './ruleSets.js';

/**
 * Samples each rule reads per evaluation, as Prometheus counts them (`stats=all` on the
 * query API, totalQueryableSamples), for every rule expression of a set at one instant.
 * Unlike wall time this does not depend on the machine's load: it is what the cost is made of.
 */

export interface RuleSamples {
  key: string;
  samples: number;
  intervalSec: number;
}

export async function samplesRead(url: string, set: RuleSet, time: number, concurrency = 4): Promise<RuleSamples[]> {
  const jobs = set.groups.flatMap((g) =>
    g.rules.map((r) => ({
      key: r.record ?? `alert ${r.labels?.tier ? `tier ${r.labels.tier}` : (r.labels?.sloth_severity ?? r.alert)}`,
      expr: r.expr,
      intervalSec: g.intervalSec,
    })),
  );
  const out: RuleSamples[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const params = new URLSearchParams({ query: job.expr, time: String(time), stats: 'all' });
      const res = await fetch(`${url}/api/v1/query?${params}`);
      const body = (await res.json()) as { status: string; error?: string; data?: { stats?: { samples?: { totalQueryableSamples?: number } } } };
      if (body.status !== 'success') throw new Error(`${set.name}: ${job.key} failed: ${body.error}`);
      out.push({ key: job.key, samples: body.data?.stats?.samples?.totalQueryableSamples ?? NaN, intervalSec: job.intervalSec });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

export function samplesPerMinute(rs: readonly RuleSamples[]): { total: number; byKey: Map<string, number> } {
  const byKey = new Map<string, number>();
  for (const r of rs) byKey.set(r.key, (byKey.get(r.key) ?? 0) + r.samples * (60 / r.intervalSec));
  return { total: [...byKey.values()].reduce((a, b) => a + b, 0), byKey };
}
