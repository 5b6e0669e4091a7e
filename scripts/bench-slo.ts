/**
 * SLO benchmark (a script, not a test): how long `lookout generate` takes for many SLOs, and
 * what lookout's SLO rules cost a real Prometheus to evaluate, side by side in one run with
 * the rule set Sloth emits for the same SLOs over the same 30 days of data.
 *
 *   npx tsx scripts/bench-slo.ts [--slos 1000] [--eval-slos 100] [--interval 1m] [--scrape 1m]
 *                                [--measure 360] [--quick] [--skip-generate] [--keep] [--out FILE]
 *
 * Prints tables and writes bench/results/slo.json. The work is sloBench() in
 * scripts/bench/sloBench.ts (`npm run bench` runs it too); its parts live in scripts/bench/.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO } from './bench/lookoutProject.js';
import { progressLog, runBench } from './bench/script.js';
import { sloBench, sloBenchOptions } from './bench/sloBench.js';

const { values: flags } = parseArgs({
  options: {
    slos: { type: 'string' },
    'eval-slos': { type: 'string' },
    interval: { type: 'string', default: '1m' },
    scrape: { type: 'string', default: '1m' },
    measure: { type: 'string' },
    warmup: { type: 'string', default: '200' },
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'skip-generate': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(REPO, 'bench/results/slo.json') },
  },
});

const bench = sloBench(sloBenchOptions(flags), {
  out: flags.out!,
  keep: flags.keep!,
  command: ['npx tsx scripts/bench-slo.ts', ...process.argv.slice(2)].join(' '),
  log: progressLog(),
});
await runBench(bench);
