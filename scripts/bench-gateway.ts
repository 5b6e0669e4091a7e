/**
 * Gateway benchmark (a script, not a test): what the AI gateway costs over a bare proxy and
 * over no proxy at all, measured side by side in one run on this machine.
 *
 *   npm run bench:gateway [-- --quick] [--connections 32] [--seconds 8] [--rounds 2] [--rate 500]
 *                              [--open-seconds 6] [--models 100] [--teams 20] [--scrapes 50] [--out FILE]
 *
 * Every server is its own process (the mock provider, the ledger, the passthrough proxy, the
 * gateway with metrics on and off); this process is the load generator. Prints tables and
 * writes bench/results/gateway.json. Exits 0 whether or not the goals are met; 1 only when
 * something broke. The work is gatewayBench() in scripts/bench/gateway/gatewayBench.ts
 * (`npm run bench` runs it too); its parts live in scripts/bench/gateway/.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gatewayBench, gatewayBenchOptions } from './bench/gateway/gatewayBench.js';
import { REPO } from './bench/gateway/processes.js';
import { progressLog, runBench } from './bench/script.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    connections: { type: 'string', default: '32' },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    warmup: { type: 'string' },
    rate: { type: 'string', default: '500' },
    'open-seconds': { type: 'string' },
    'open-rounds': { type: 'string' },
    models: { type: 'string', default: '100' },
    teams: { type: 'string', default: '20' },
    scrapes: { type: 'string' },
    out: { type: 'string', default: path.join(REPO, 'bench/results/gateway.json') },
  },
});

const bench = gatewayBench(gatewayBenchOptions(flags), {
  out: flags.out!,
  command: ['npm run bench:gateway', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  log: progressLog(),
});
await runBench(bench);
