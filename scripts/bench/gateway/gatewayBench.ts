/**
 * The gateway benchmark's work, importable: `npm run bench:gateway` (scripts/bench-gateway.ts)
 * and `npm run bench` (scripts/bench.ts) both run it through gatewayBench(). What the AI
 * gateway costs over a bare proxy and over no proxy at all, measured side by side in one run:
 * every server is its own process (the mock provider, the ledger, the passthrough proxy, the
 * gateway with metrics on and off) and this process is the load generator. Prints tables and
 * writes the result file (bench/results/gateway.json).
 */
import os from 'node:os';
import { Pool } from 'undici';
import { machineInfo, writeResult, type BenchScript } from '../script.js';
import { closedLoop } from './closedLoop.js';
import { BENCH_BUDGET_USD } from './config.js';
import { addSpans, cpuSpan, perRequest, REST, type CpuSpan, type Measured } from './cpuMeter.js';
import { openLoop } from './openLoop.js';
import { median, percentiles } from './percentiles.js';
import { killAllServers, PROXY_NODE_ARGS, startServer, stopAllServers, type ServerProcess } from './processes.js';
import {
  OPEN_TARGETS,
  renderReport,
  TARGETS,
  type ClosedLoopSummary,
  type GatewayBenchResult,
  type Goal,
  type OpenLoopSummary,
  type OpenTarget,
  type Added,
  type Ratio,
  type Target,
} from './report.js';
import { chatRequest, emptyTally, sendOnce, type Tally } from './request.js';
import { seedSeries, timeScrapes } from './scrape.js';

/** How long and how hard the gateway benchmark measures; written to the result file as `options`. */
export type GatewayBenchOptions = {
  connections: number;
  secondsPerRound: number;
  rounds: number;
  warmupSeconds: number;
  rate: number;
  openSecondsPerRound: number;
  openRounds: number;
  models: number;
  teams: number;
  scrapes: number;
};

/** The options from command-line strings, with the defaults of a full or a `--quick` run. */
export function gatewayBenchOptions(flags: {
  quick?: boolean | undefined;
  connections?: string | undefined;
  seconds?: string | undefined;
  rounds?: string | undefined;
  warmup?: string | undefined;
  rate?: string | undefined;
  'open-seconds'?: string | undefined;
  'open-rounds'?: string | undefined;
  models?: string | undefined;
  teams?: string | undefined;
  scrapes?: string | undefined;
}): GatewayBenchOptions {
  const quick = flags.quick ?? false;
  return {
    connections: Number(flags.connections ?? '32'),
    secondsPerRound: Number(flags.seconds ?? (quick ? 2 : 4)),
    rounds: Number(flags.rounds ?? (quick ? 1 : 4)),
    warmupSeconds: Number(flags.warmup ?? (quick ? 1 : 2)),
    rate: Number(flags.rate ?? '500'),
    openSecondsPerRound: Number(flags['open-seconds'] ?? (quick ? 2 : 4)),
    openRounds: Number(flags['open-rounds'] ?? (quick ? 1 : 4)),
    models: Number(flags.models ?? '100'),
    teams: Number(flags.teams ?? '20'),
    scrapes: Number(flags.scrapes ?? (quick ? 20 : 100)),
  };
}

/** Where a run writes and what it says it was. */
export interface GatewayBenchRun {
  /** The result file; none written when undefined (`npm run bench --quick` keeps the result in its suite file only). */
  out: string | undefined;
  /** The command line recorded in the result. */
  command: string;
  log: (msg: string) => void;
}

/** A benchmark script (for runBench) that also hands back what it measured once main() is done. */
export interface GatewayBench extends BenchScript {
  result(): GatewayBenchResult | undefined;
}

// After a gateway: lets its outbox and audit queue (1 s flush interval) empty before the next target is measured.
const settle = (t: Target) => sleep(t.startsWith('gateway') ? 1_100 : 200);
const OPEN_LOOP_CONNECTIONS = 64;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  readonly mock: ServerProcess;
  readonly ledger: ServerProcess;
  readonly servers: Record<Exclude<Target, 'direct'>, ServerProcess>;
}

async function startAll(): Promise<Running> {
  const budgets = JSON.stringify({ search: BENCH_BUDGET_USD, support: BENCH_BUDGET_USD, finance: BENCH_BUDGET_USD });
  const [mock, ledger] = await Promise.all([
    startServer('mock', 'src/integrations/gateway/mock/main.ts', ['--name', 'provider-a']),
    startServer('ledger', 'src/integrations/gateway/ledger/main.ts', ['--budgets', budgets]),
  ]);
  const gatewayArgs = ['gateway', '--provider', mock.url, '--ledger', ledger.url];
  const [passthrough, gateway, gatewayOff] = await Promise.all([
    startServer('passthrough', 'scripts/bench/gateway/serve.ts', ['passthrough', '--upstream', mock.url], { nodeArgs: PROXY_NODE_ARGS }),
    startServer('gateway', 'scripts/bench/gateway/serve.ts', gatewayArgs, { nodeArgs: PROXY_NODE_ARGS }),
    startServer('gateway-metrics-off', 'scripts/bench/gateway/serve.ts', [...gatewayArgs, '--metrics', 'off'], { nodeArgs: PROXY_NODE_ARGS }),
  ]);
  return { mock, ledger, servers: { passthrough, gateway, 'gateway-metrics-off': gatewayOff } };
}

const urlOf = (r: Running, t: Target) => (t === 'direct' ? r.mock.url : r.servers[t].url);

/** Processes whose CPU a measurement of `t` reports: the load generator, the mock, the proxy under test, and the ledger behind a gateway. */
function measuredFor(r: Running, t: Target): Measured[] {
  const out: Measured[] = [{ name: 'load generator', pid: process.pid }, r.mock];
  if (t !== 'direct') out.push(r.servers[t]);
  if (t.startsWith('gateway')) out.push(r.ledger);
  return out;
}

/** One request to every target before anything is timed: a wrong setup fails here, not as a table of errors. */
async function sanityCheck(r: Running): Promise<void> {
  for (const t of TARGETS) {
    const pool = new Pool(urlOf(r, t), { connections: 1 });
    const req = chatRequest();
    const res = await pool.request({ path: req.path, method: 'POST', headers: req.headers, body: req.body });
    const text = await res.body.text();
    await pool.close();
    if (res.statusCode !== 200 || !text.includes('"chat.completion"')) throw new Error(`${t} answered ${res.statusCode} instead of a chat completion: ${text.slice(0, 300)}`);
  }
}

/** One target's rounds, added up. */
interface Accumulated extends Tally {
  requests: number;
  latencies: number[];
  sendLag: number[];
  seconds: number;
  roundRps: number[];
  roundP99: number[];
  span: CpuSpan | undefined;
}

type LoadResult = Tally & { latenciesMs: number[]; seconds: number; sendLagMs?: number[] };

/** The gateway benchmark as a script: cleanup stops every server it started. */
export function gatewayBench(opts: GatewayBenchOptions, run: GatewayBenchRun): GatewayBench {
  const { log } = run;
  let finished: GatewayBenchResult | undefined;

  /**
   * Warms every target up once, then runs `rounds` rounds, each measuring every target once in
   * turn, so that drift or a burst of other work on the machine falls on all targets alike.
   */
  async function inRounds<T extends Target>(
    label: string,
    r: Running,
    targets: readonly T[],
    o: { connections: number; rounds: number; describe: (result: LoadResult) => string },
    run: (pool: Pool, durationMs: number) => Promise<LoadResult>,
    roundMs: number,
  ): Promise<Record<T, Accumulated>> {
    const pools = Object.fromEntries(targets.map((t) => [t, new Pool(urlOf(r, t), { connections: o.connections, keepAliveTimeout: 60_000 })])) as Record<T, Pool>;
    const fresh = (): Accumulated => ({ ...emptyTally(), requests: 0, latencies: [], sendLag: [], seconds: 0, roundRps: [], roundP99: [], span: undefined });
    const acc = Object.fromEntries(targets.map((t) => [t, fresh()])) as Record<T, Accumulated>;
    for (const t of targets) {
      log(`${label}: warming ${t} up for ${opts.warmupSeconds} s`);
      await run(pools[t], opts.warmupSeconds * 1000);
      await settle(t);
    }
    for (let round = 1; round <= o.rounds; round++) {
      for (const t of targets) {
        const end = cpuSpan(measuredFor(r, t));
        const result = await run(pools[t], roundMs);
        const a = acc[t];
        const n = result.ok + result.errors;
        a.ok += result.ok;
        a.errors += result.errors;
        for (const [k, v] of Object.entries(result.failures)) a.failures[k] = (a.failures[k] ?? 0) + v;
        a.requests += n;
        a.seconds += result.seconds;
        a.roundRps.push(n / result.seconds);
        a.roundP99.push(percentiles(result.latenciesMs).p99);
        for (const l of result.latenciesMs) a.latencies.push(l);
        for (const l of result.sendLagMs ?? []) a.sendLag.push(l);
        a.span = addSpans(a.span, end());
        log(`${label} round ${round}/${o.rounds}: ${t} ${o.describe(result)}, ${result.errors} errors`);
        await settle(t);
      }
    }
    await Promise.all(Object.values<Pool>(pools).map((p) => p.close()));
    return acc;
  }

  /** What every summary has: counts, latency and CPU over all rounds. */
  function common(a: Accumulated) {
    return { requests: a.requests, errors: a.errors, failures: a.failures, seconds: a.seconds, latencyMs: percentiles(a.latencies), cpu: perRequest(a.span!, a.requests) };
  }

  async function measureClosedLoop(r: Running): Promise<Record<Target, ClosedLoopSummary>> {
    const request = chatRequest();
    const acc = await inRounds(
      'closed loop',
      r,
      TARGETS,
      { connections: opts.connections, rounds: opts.rounds, describe: (x) => `${Math.round((x.ok + x.errors) / x.seconds)} req/s` },
      (pool, durationMs) => closedLoop(pool, request, { connections: opts.connections, durationMs }),
      opts.secondsPerRound * 1000,
    );
    return Object.fromEntries(TARGETS.map((t) => [t, { ...common(acc[t]), rps: acc[t].requests / acc[t].seconds, roundRps: acc[t].roundRps } satisfies ClosedLoopSummary])) as Record<
      Target,
      ClosedLoopSummary
    >;
  }

  async function measureOpenLoop(r: Running): Promise<Record<OpenTarget, OpenLoopSummary>> {
    const request = chatRequest();
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const acc = await inRounds(
      'open loop',
      r,
      OPEN_TARGETS,
      {
        connections: OPEN_LOOP_CONNECTIONS,
        rounds: opts.openRounds,
        describe: (x) => {
          const p = percentiles(x.latenciesMs);
          return `p50 ${ms(p.p50)}, p99 ${ms(p.p99)}`;
        },
      },
      (pool, durationMs) => openLoop(pool, request, { rate: opts.rate, durationMs }),
      opts.openSecondsPerRound * 1000,
    );
    return Object.fromEntries(
      OPEN_TARGETS.map((t) => {
        const a = acc[t];
        return [t, { ...common(a), achievedRps: a.requests / a.seconds, roundP99Ms: a.roundP99, sendLagMs: percentiles(a.sendLag) } satisfies OpenLoopSummary];
      }),
    ) as Record<OpenTarget, OpenLoopSummary>;
  }

  /** The passthrough, open loop, at the rate the gateway reached closed-loop: its CPU per request at the gateway's own rate. */
  async function measurePassthroughAt(r: Running, closed: Record<Target, ClosedLoopSummary>): Promise<GatewayBenchResult['passthroughAtGatewayRate']> {
    const rate = Math.round(closed.gateway.rps);
    const request = chatRequest();
    const acc = await inRounds(
      `passthrough at ${rate} req/s`,
      r,
      ['passthrough'] as const,
      { connections: OPEN_LOOP_CONNECTIONS * 2, rounds: opts.openRounds, describe: (x) => `${Math.round((x.ok + x.errors) / x.seconds)} req/s` },
      (pool, durationMs) => openLoop(pool, request, { rate, durationMs }),
      opts.openSecondsPerRound * 1000,
    );
    const passthroughUs = cpuOf(common(acc.passthrough), 'passthrough');
    const gatewayUs = cpuOf(closed.gateway, 'gateway');
    return { rate, achievedRps: acc.passthrough.requests / acc.passthrough.seconds, passthroughUsPerRequest: passthroughUs, gatewayUsPerRequest: gatewayUs, gatewayOwnUsPerRequest: gatewayUs - passthroughUs };
  }

  async function measureScrape(r: Running): Promise<GatewayBenchResult['scrape']> {
    const gw = await startServer('gateway-scrape', 'scripts/bench/gateway/serve.ts', [
      'gateway',
      '--provider',
      r.mock.url,
      '--ledger',
      r.ledger.url,
      '--models',
      String(opts.models),
      '--teams',
      String(opts.teams),
    ], { nodeArgs: PROXY_NODE_ARGS });
    try {
      log(`scrape: seeding ${opts.models} models × ${opts.teams} teams = ${opts.models * opts.teams} requests`);
      const seeding = await seedSeries(gw.url, opts.models, opts.teams);
      await settle('gateway');
      log(`scrape: timing ${opts.scrapes} scrapes of ${gw.url}/metrics`);
      const end = cpuSpan([gw]);
      const timed = await timeScrapes(`${gw.url}/metrics`, opts.scrapes);
      const gatewayCpuMsPerScrape = end().cpuMs[gw.name]! / (timed.scrapes + timed.warmup);
      return { ...timed, seeding, models: opts.models, teams: opts.teams, gatewayCpuMsPerScrape };
    } finally {
      await gw.stop();
    }
  }

  function cpuOf(s: { cpu: { process: string; usPerRequest: number }[] }, process: string): number {
    return s.cpu.find((c) => c.process === process)?.usPerRequest ?? Number.NaN;
  }

  function judge(closed: Record<Target, ClosedLoopSummary>, added: GatewayBenchResult['openLoop']['addedOverDirect'], scrape: GatewayBenchResult['scrape']) {
    const ratio = (a: Target, b: Target): Ratio => {
      const rounds = closed[a].roundRps.map((rps, i) => rps / closed[b].roundRps[i]!);
      return { median: median(rounds), rounds };
    };
    const ratios: GatewayBenchResult['ratios'] = {
      gatewayOverPassthrough: ratio('gateway', 'passthrough'),
      gatewayOverDirect: ratio('gateway', 'direct'),
      passthroughOverDirect: ratio('passthrough', 'direct'),
      metricsOnOverOff: ratio('gateway', 'gateway-metrics-off'),
      gatewayCpuOverPassthroughCpu: cpuOf(closed.gateway, 'gateway') / cpuOf(closed.passthrough, 'passthrough'),
    };
    const goals: Goal[] = [
      {
        goal: 'throughput: gateway ≥ 75% of the passthrough proxy (median of rounds)',
        measured: `${(100 * ratios.gatewayOverPassthrough.median).toFixed(1)}%`,
        pass: ratios.gatewayOverPassthrough.median >= 0.75,
      },
      {
        goal: `latency: gateway p99 added over direct ≤ 2 ms at ${opts.rate} req/s (median of rounds)`,
        measured: `${added.gateway.p99RoundMedian >= 0 ? '+' : ''}${added.gateway.p99RoundMedian.toFixed(2)} ms`,
        pass: added.gateway.p99RoundMedian <= 2,
      },
      {
        goal: 'metrics: throughput with metrics on ≥ 95% of metrics off (median of rounds)',
        measured: `${(100 * ratios.metricsOnOverOff.median).toFixed(1)}%`,
        pass: ratios.metricsOnOverOff.median >= 0.95,
      },
      {
        goal: '/metrics: p99 of a scrape of ≥ 10,000 series ≤ 50 ms',
        measured: `${scrape.latencyMs.p99.toFixed(1)} ms for ${scrape.series.toLocaleString('en-US')} series`,
        pass: scrape.series >= 10_000 && scrape.latencyMs.p99 <= 50,
      },
    ];
    return { ratios, goals };
  }

  function warningsOf(closed: Record<Target, ClosedLoopSummary>, open: Record<OpenTarget, OpenLoopSummary>, scrape: GatewayBenchResult['scrape']): string[] {
    const out: string[] = [];
    const failures = (f: Record<string, number>) => Object.entries(f).map(([k, v]) => `${k}×${v}`).join(', ');
    for (const t of TARGETS) if (closed[t].errors > 0) out.push(`closed loop, ${t}: ${closed[t].errors} failed requests (${failures(closed[t].failures)})`);
    for (const t of OPEN_TARGETS) {
      const o = open[t];
      if (o.errors > 0) out.push(`open loop, ${t}: ${o.errors} failed requests (${failures(o.failures)})`);
      if (o.sendLagMs.p99 > 1.5) out.push(`open loop, ${t}: sends left up to ${o.sendLagMs.p99.toFixed(2)} ms late (p99): the generator was short of CPU, and latencies include it`);
      if (o.achievedRps < opts.rate * 0.97) out.push(`open loop, ${t}: ${o.achievedRps.toFixed(0)} req/s completed, below the ${opts.rate} asked for`);
    }
    if (scrape.seeding.errors > 0) out.push(`scrape seeding: ${scrape.seeding.errors} failed requests (${failures(scrape.seeding.failures)})`);
    const spread = (rps: number[]) => (rps.length > 1 ? (Math.max(...rps) - Math.min(...rps)) / Math.min(...rps) : 0);
    const busyElsewhere = (cpu: { process: string; cores: number }[]) => cpu.find((c) => c.process === REST)?.cores ?? 0;
    for (const t of TARGETS) {
      const rest = busyElsewhere(closed[t].cpu);
      if (rest > 0.25) out.push(`closed loop, ${t}: ${rest.toFixed(2)} cores were busy outside the benchmark's processes: other work on the machine took CPU from the targets`);
    }
    for (const t of OPEN_TARGETS) {
      const rest = busyElsewhere(open[t].cpu);
      if (rest > 0.25) out.push(`open loop, ${t}: ${rest.toFixed(2)} cores were busy outside the benchmark's processes: its tail latency may be theirs`);
    }
    for (const t of TARGETS) {
      const s = spread(closed[t].roundRps);
      if (s > 0.1) out.push(`closed loop, ${t}: rounds differ by ${(100 * s).toFixed(0)}% (other work on the machine, see its column, or a target still warming up): its ratios are less certain`);
    }
    return out;
  }

  async function main(): Promise<void> {
    const started = Date.now();
    const loadStart = os.loadavg()[0]!;
    log('starting the mock provider, the ledger, the passthrough proxy and two gateways (metrics on, off), each its own process');
    const running = await startAll();
    await sanityCheck(running);
    const closed = await measureClosedLoop(running);
    const open = await measureOpenLoop(running);
    const passthroughAtGatewayRate = await measurePassthroughAt(running, closed);
    // The throughput targets are done: free their cores before the scrape gateway starts.
    await Promise.all(Object.values(running.servers).map((s) => s.stop()));
    const scrape = await measureScrape(running);
    await stopAllServers();

    const diff = (a: OpenLoopSummary, b: OpenLoopSummary): Added => {
      const p99ByRound = a.roundP99Ms.map((p99, i) => p99 - b.roundP99Ms[i]!);
      return { p50: a.latencyMs.p50 - b.latencyMs.p50, p99: a.latencyMs.p99 - b.latencyMs.p99, p99ByRound, p99RoundMedian: median(p99ByRound) };
    };
    const addedOverDirect = { passthrough: diff(open.passthrough, open.direct), gateway: diff(open.gateway, open.direct) };
    const { ratios, goals } = judge(closed, addedOverDirect, scrape);
    const result: GatewayBenchResult = {
      date: new Date(started).toISOString(),
      command: run.command,
      machine: machineInfo(loadStart),
      options: opts,
      processes: [
        `${os.cpus().length} cores for everything: this process (the load generator, one event loop), the mock provider, the ledger, the passthrough proxy and two gateways are separate node processes`,
        'only the target being measured gets traffic; the others sit idle (the gateways run a 1 s flush timer with nothing to send)',
        'direct: load generator + mock busy (2 processes on 2 cores); passthrough: load generator + proxy + mock (3 on 2); gateway: the same 3 plus the ledger taking batched debits and audit events',
        'so a proxied target both adds its own work and takes CPU from the mock and the generator: passthrough/direct says what one more hop costs on this machine, and gateway/passthrough what the gateway adds on top',
        `closed loop at ${opts.connections} connections (default 32: a sweep of 8 to 256 on this machine found every target within a few % of its plateau from 32 on; more connections only queue, raising latency and not throughput, and fewer leave the proxies idle between answers)`,
        'single-threaded servers: a proxy whose CPU column reads ~1.0 cores is bound by its own event loop, whatever the other core does',
      ],
      closedLoop: { connections: opts.connections, rounds: opts.rounds, secondsPerRound: opts.secondsPerRound, warmupSeconds: opts.warmupSeconds, targets: closed },
      openLoop: {
        rate: opts.rate,
        rounds: opts.openRounds,
        secondsPerRound: opts.openSecondsPerRound,
        targets: open,
        addedOverDirect,
        addedOverPassthrough: { gateway: diff(open.gateway, open.passthrough) },
      },
      passthroughAtGatewayRate,
      scrape,
      ratios,
      goals,
      warnings: warningsOf(closed, open, scrape),
      wallSeconds: Math.round((Date.now() - started) / 1000),
    };
    console.log(renderReport(result));
    if (run.out) writeResult(run.out, result, log);
    finished = result;
  }

  return { main, cleanup: stopAllServers, kill: killAllServers, stopping: 'stopping the servers', graceMs: 10_000, result: () => finished };
}
