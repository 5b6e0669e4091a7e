/**
 * Profiles the gateway (or the passthrough proxy) under load, for finding where its CPU goes:
 *
 *   node --import tsx scripts/bench/gateway/profile.ts [--target gateway|passthrough]
 *        [--metrics off] [--rate N] [--seconds 10] [--top 40] [--dir /tmp/lookout-profile]
 *        [--node-arg=--max-semi-space-size=32 ...]
 *
 * Starts the mock and the ledger, the target under `node --cpu-prof`, drives it closed-loop
 * (64 connections) or open-loop at --rate requests/s, stops it, and prints its CPU per request
 * and that time split by where the profile found it: by package or source folder, then by
 * function (self time). A development tool; `npm run bench:gateway` is the benchmark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { BENCH_BUDGET_USD } from './config.js';
import { closedLoop } from './closedLoop.js';
import { openLoop } from './openLoop.js';
import { cpuMsOf, PROXY_NODE_ARGS, startServer, stopAllServers } from './processes.js';
import { chatRequest } from './request.js';

const { values: flags } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, dir: { type: 'string', default: '/tmp/lookout-profile' }, metrics: { type: 'string', default: 'on' }, top: { type: 'string', default: '40' }, target: { type: 'string', default: 'gateway' }, rate: { type: 'string' }, 'node-arg': { type: 'string', multiple: true, default: [] } } });
const dir = path.resolve(flags.dir);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const budgets = JSON.stringify({ search: BENCH_BUDGET_USD, support: BENCH_BUDGET_USD, finance: BENCH_BUDGET_USD });
const [mock, ledger] = await Promise.all([startServer('mock', 'src/integrations/gateway/mock/main.ts', ['--name', 'provider-a']), startServer('ledger', 'src/integrations/gateway/ledger/main.ts', ['--budgets', budgets])]);
const before = new Set(safeList(dir));
const serveArgs = flags.target === 'passthrough' ? ['passthrough', '--upstream', mock.url] : ['gateway', '--provider', mock.url, '--ledger', ledger.url, '--metrics', flags.metrics];
const gateway = await startServer(flags.target, 'scripts/bench/gateway/serve.ts', serveArgs, {
  nodeArgs: [...PROXY_NODE_ARGS, '--cpu-prof', `--cpu-prof-dir=${dir}`, ...flags['node-arg']!],
});
console.log(`${flags.target} pid ${gateway.pid}`);
const pool = new Pool(gateway.url, { connections: 64 });
const request = chatRequest();
await closedLoop(pool, request, { connections: 64, durationMs: 2_000 });
const cpuBefore = cpuMsOf(gateway.pid);
const durationMs = Number(flags.seconds) * 1000;
// Closed loop at the most the target answers, or open loop at --rate requests per second.
const result = flags.rate ? await openLoop(pool, request, { rate: Number(flags.rate), durationMs }) : await closedLoop(pool, request, { connections: 64, durationMs });
const cpuMs = cpuMsOf(gateway.pid) - cpuBefore;
await pool.close();
await new Promise((r) => setTimeout(r, 1_100));
await stopAllServers();

const requests = result.ok + result.errors;
const cpuPerRequest = (cpuMs * 1000) / requests;
console.log(`${requests} requests (${result.errors} errors), ${Math.round(requests / result.seconds)} req/s, ${flags.target} CPU ${cpuPerRequest.toFixed(1)} µs/request`);
// The main thread's profile (tsx's loader thread writes one too): CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile
const file = safeList(dir).find((f) => !before.has(f) && f.includes(`.${gateway.pid}.0.`) && f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile of pid ${gateway.pid} in ${dir}`);
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
const selfById = new Map<number, number>();
profile.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFolder = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
for (const node of profile.nodes) {
  const t = selfById.get(node.id) ?? 0;
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)' || t === 0) continue;
  busy += t;
  const folder = url.match(/(node_modules\/(?:@[^/]+\/)?[^/]+|src\/[^/]+\/[^/]+|scripts)\//)?.[1] ?? (url.startsWith('node:') ? 'node internals' : functionName);
  add(byFolder, folder, t);
  add(byFunction, `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|src|scripts)\//, '$1/')}`, t);
}
// The profile's busy time scaled to the CPU the process used per request.
const perRequest = (t: number) => `${((t / busy) * cpuPerRequest).toFixed(2).padStart(7)} µs`;
console.log(`profile ${path.join(dir, file)}\n\nby package or folder (self time per request):`);
for (const [k, t] of top(byFolder, 20)) console.log(`${perRequest(t)}  ${k}`);
console.log('\nby function (self time per request):');
for (const [k, t] of top(byFunction, Number(flags.top))) console.log(`${perRequest(t)}  ${k}`);

function add(map: Map<string, number>, key: string, t: number): void {
  map.set(key, (map.get(key) ?? 0) + t);
}

function top(map: Map<string, number>, n: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function safeList(d: string): string[] {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}
