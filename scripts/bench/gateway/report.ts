import { table } from '../report.js';
import { REST } from './cpuMeter.js';
import type { Percentiles } from './percentiles.js';
import type { ScrapeResult } from './scrape.js';

export const TARGETS = ['direct', 'passthrough', 'gateway', 'gateway-metrics-off'] as const;
export type Target = (typeof TARGETS)[number];
export const OPEN_TARGETS = ['direct', 'passthrough', 'gateway'] as const satisfies readonly Target[];
export type OpenTarget = (typeof OPEN_TARGETS)[number];

/** What one process used while a target was measured. */
export interface ProcessCpu {
  readonly process: string;
  /** CPU seconds per wall second: 1.0 is one core busy the whole time. */
  readonly cores: number;
  readonly usPerRequest: number;
}

export interface Failures {
  readonly requests: number;
  readonly errors: number;
  readonly failures: Record<string, number>;
}

export interface ClosedLoopSummary extends Failures {
  readonly seconds: number;
  readonly rps: number;
  /** Throughput of each round, in the order run: drift or a noisy neighbour shows as spread here. */
  readonly roundRps: number[];
  readonly latencyMs: Percentiles;
  readonly cpu: ProcessCpu[];
}

export interface OpenLoopSummary extends Failures {
  readonly seconds: number;
  readonly achievedRps: number;
  /** Over every round's requests together. */
  readonly latencyMs: Percentiles;
  /** Each round's own p99, in the order run: a burst of other load shows as one high round. */
  readonly roundP99Ms: number[];
  readonly sendLagMs: Percentiles;
  readonly cpu: ProcessCpu[];
}

/** Latency one target adds to another, in milliseconds. */
export interface Added {
  /** Over every round's requests together. */
  readonly p50: number;
  readonly p99: number;
  /** Round by round (rounds run the targets back to back), and their median: a stall that hits one round of one target moves one of these, not the median. */
  readonly p99ByRound: number[];
  readonly p99RoundMedian: number;
}

export interface Ratio {
  readonly median: number;
  readonly rounds: number[];
}

export interface Goal {
  readonly goal: string;
  readonly measured: string;
  readonly pass: boolean;
}

/** One run of the gateway benchmark: printed, and written to bench/results/gateway.json. */
export interface GatewayBenchResult {
  date: string;
  command: string;
  machine: { cpus: number; cpuModel?: string | undefined; memoryGiB: number; os: string; node: string; loadAverage: { start: number; end?: number } };
  options: Record<string, unknown>;
  /** Who runs in which process, and so what shares the cores. */
  processes: string[];
  closedLoop: { connections: number; rounds: number; secondsPerRound: number; warmupSeconds: number; targets: Record<Target, ClosedLoopSummary> };
  openLoop: {
    rate: number;
    rounds: number;
    secondsPerRound: number;
    targets: Record<OpenTarget, OpenLoopSummary>;
    /** Latency each proxy adds to direct-to-mock, percentile by percentile. */
    addedOverDirect: { passthrough: Added; gateway: Added };
    addedOverPassthrough: { gateway: Added };
  };
  /**
   * The passthrough proxy driven open-loop at the gateway's closed-loop throughput: a proxy's
   * CPU per request grows as its rate falls (fewer requests share each wake-up and write), so
   * this is the floor the gateway's CPU is compared with at the rate it actually runs.
   */
  passthroughAtGatewayRate: { rate: number; achievedRps: number; passthroughUsPerRequest: number; gatewayUsPerRequest: number; gatewayOwnUsPerRequest: number };
  scrape: ScrapeResult & { models: number; teams: number };
  /** Closed-loop throughput ratios: each round's, and their median (a burst of other load on the machine moves one round, not the median). */
  ratios: {
    gatewayOverPassthrough: Ratio;
    gatewayOverDirect: Ratio;
    passthroughOverDirect: Ratio;
    metricsOnOverOff: Ratio;
    /** CPU per request of the gateway process over that of the passthrough process. */
    gatewayCpuOverPassthroughCpu: number;
  };
  goals: Goal[];
  warnings: string[];
  wallSeconds: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isNaN(n) ? '-' : `${n.toFixed(2)} ms`);
const signedMs = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(2)} ms`;
const x = (n: number) => `${n.toFixed(2)}x`;
const us = (n: number) => `${int(n)} µs`;

function cpuOfTarget(t: { cpu: ProcessCpu[] }, process: string): number {
  return t.cpu.find((p) => p.process === process)?.usPerRequest ?? Number.NaN;
}

function cpuCell(t: { cpu: ProcessCpu[] }, process: string): string {
  const c = t.cpu.find((p) => p.process === process);
  return c && c.cores >= 0.01 ? `${us(c.usPerRequest)} (${c.cores.toFixed(2)})` : '-';
}

function restCell(t: { cpu: ProcessCpu[] }): string {
  const c = t.cpu.find((p) => p.process === REST);
  return c ? `${c.cores.toFixed(2)} cores` : '-';
}

export function renderReport(r: GatewayBenchResult): string {
  const out: string[] = [];
  const c = r.closedLoop;
  const proxyProcess = (t: Target) => (t === 'direct' ? '' : t === 'passthrough' ? 'passthrough' : t);
  out.push(`machine: ${r.machine.cpus} cores (${r.machine.cpuModel ?? '?'}), node ${r.machine.node}; load average ${r.machine.loadAverage.start.toFixed(2)} at start`);
  out.push('what shares the cores:', ...r.processes.map((p) => `  - ${p}`), '');

  out.push(`closed loop: ${c.connections} connections, ${c.rounds} round(s) of ${c.secondsPerRound} s per target, targets interleaved, after ${c.warmupSeconds} s of warm-up each`);
  out.push(`  CPU columns: µs of CPU per request (cores busy on average); ${REST}: cores busy outside the measured processes (other programs, loopback TCP in softirq)`);
  out.push(
    table([
      ['target', 'req/s', 'rounds', 'p50', 'p99', 'errors', 'proxy CPU', 'mock CPU', 'ledger CPU', 'load gen CPU', 'rest of machine'],
      ...TARGETS.map((t) => {
        const s = c.targets[t];
        return [
          t,
          int(s.rps),
          s.roundRps.map(int).join(' / '),
          ms(s.latencyMs.p50),
          ms(s.latencyMs.p99),
          int(s.errors),
          t === 'direct' ? '-' : cpuCell(s, proxyProcess(t)),
          cpuCell(s, 'mock'),
          cpuCell(s, 'ledger'),
          cpuCell(s, 'load generator'),
          restCell(s),
        ];
      }),
    ]),
    '',
  );

  const o = r.openLoop;
  out.push(`open loop: ${o.rate} requests/s evenly spaced, ${o.rounds} round(s) of ${o.secondsPerRound} s per target; latency from each request's scheduled send time; added = over direct`);
  out.push(
    table([
      ['target', 'sent', 'errors', 'p50', 'p90', 'p99', 'p99 by round', 'max', 'added p50', 'added p99', 'added p99 by round (median)', 'send lag p99', 'rest of machine'],
      ...OPEN_TARGETS.map((t) => {
        const s = o.targets[t];
        const added = t === 'direct' ? undefined : o.addedOverDirect[t];
        return [
          t,
          int(s.requests),
          int(s.errors),
          ms(s.latencyMs.p50),
          ms(s.latencyMs.p90),
          ms(s.latencyMs.p99),
          s.roundP99Ms.map((v) => v.toFixed(2)).join(' / '),
          ms(s.latencyMs.max),
          added ? signedMs(added.p50) : '',
          added ? signedMs(added.p99) : '',
          added ? `${added.p99ByRound.map((v) => v.toFixed(2)).join(' / ')} (${signedMs(added.p99RoundMedian)})` : '',
          ms(s.sendLagMs.p99),
          restCell(s),
        ];
      }),
    ]),
    `  gateway over passthrough: p50 ${signedMs(o.addedOverPassthrough.gateway.p50)}, p99 ${signedMs(o.addedOverPassthrough.gateway.p99)}, p99 median of rounds ${signedMs(o.addedOverPassthrough.gateway.p99RoundMedian)}`,
    '',
  );

  const s = r.scrape;
  out.push(`/metrics scrape: gateway with ${s.models} models × ${s.teams} teams, seeded with ${int(s.seeding.requests)} requests (${int(s.seeding.errors)} errors)`);
  out.push(
    table([
      ['series', 'bytes', 'scrapes', 'p50', 'p90', 'p99', 'max', 'gateway CPU per scrape'],
      [int(s.series), int(s.bytes), int(s.scrapes), ms(s.latencyMs.p50), ms(s.latencyMs.p90), ms(s.latencyMs.p99), ms(s.latencyMs.max), ms(s.gatewayCpuMsPerScrape)],
    ]),
    '',
  );

  const q = r.ratios;
  const ratioRow = (name: string, r: Ratio) => [name, x(r.median), r.rounds.map(x).join(' / ')];
  out.push(
    'closed-loop throughput ratios, round by round (each round runs every target once, back to back)',
    table([
      ['ratio', 'median', 'rounds'],
      ratioRow('gateway / passthrough', q.gatewayOverPassthrough),
      ratioRow('gateway / direct', q.gatewayOverDirect),
      ratioRow('passthrough / direct', q.passthroughOverDirect),
      ratioRow('gateway metrics on / off', q.metricsOnOverOff),
    ]),
    `gateway CPU per request / passthrough CPU per request: ${x(q.gatewayCpuOverPassthroughCpu)}`,
    '',
    `the passthrough at the gateway's rate (${int(r.passthroughAtGatewayRate.rate)} req/s asked, ${int(r.passthroughAtGatewayRate.achievedRps)} answered, open loop): ` +
      `${us(r.passthroughAtGatewayRate.passthroughUsPerRequest)} CPU per request (${us(cpuOfTarget(r.closedLoop.targets.passthrough, 'passthrough'))} at its own maximum); ` +
      `the gateway's own work over a bare hop at that rate: ${us(r.passthroughAtGatewayRate.gatewayOwnUsPerRequest)} per request`,
    '',
  );
  out.push('goals', table([['goal', 'measured', 'result'], ...r.goals.map((g) => [g.goal, g.measured, g.pass ? 'PASS' : 'FAIL'])]));
  if (r.warnings.length > 0) out.push('', 'WARNINGS', ...r.warnings.map((w) => `  - ${w}`));
  return out.join('\n');
}
