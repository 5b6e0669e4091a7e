/**
 * One server under test, as its own process, so the load generator never shares its event loop:
 *
 *   tsx scripts/bench/gateway/serve.ts passthrough --upstream URL
 *   tsx scripts/bench/gateway/serve.ts gateway --provider URL --ledger URL [--metrics off]
 *   tsx scripts/bench/gateway/serve.ts gateway --provider URL --ledger URL --models 100 --teams 20
 *
 * Prints `{"event":"listening","target":…,"url":…,"pid":…}` on stdout once it listens on
 * 127.0.0.1 at a port the kernel picked; SIGTERM stops it.
 */
import { parseArgs } from 'node:util';
import { Gateway } from '../../../src/integrations/gateway/gateway.js';
import { silentLogger } from '../../../src/integrations/gateway/log.js';
import { allFeaturesConfig, scrapeConfig } from './config.js';
import { startPassthrough } from './passthrough.js';

const { positionals, values: flags } = parseArgs({
  allowPositionals: true,
  options: {
    upstream: { type: 'string' },
    provider: { type: 'string' },
    ledger: { type: 'string' },
    metrics: { type: 'string', default: 'on' },
    models: { type: 'string' },
    teams: { type: 'string' },
  },
});

function required(name: 'upstream' | 'provider' | 'ledger'): string {
  const value = flags[name];
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

async function start(target: string | undefined): Promise<{ url: string; close(): Promise<void> }> {
  if (target === 'passthrough') return startPassthrough({ upstream: required('upstream') });
  if (target === 'gateway') {
    const backends = { provider: required('provider'), ledger: required('ledger') };
    const config =
      flags.models === undefined ? allFeaturesConfig(backends, flags.metrics !== 'off') : scrapeConfig(backends, Number(flags.models), Number(flags.teams ?? 1));
    const gateway = await Gateway.start({ config, logger: silentLogger });
    return { url: gateway.url, close: () => gateway.close() };
  }
  throw new Error(`unknown target ${JSON.stringify(target)}: passthrough or gateway`);
}

try {
  const server = await start(positionals[0]);
  process.stdout.write(`${JSON.stringify({ event: 'listening', target: positionals[0], url: server.url, pid: process.pid })}\n`);
  const stop = () => void server.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (e) {
  process.stderr.write(`serve: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
