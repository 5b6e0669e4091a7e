#!/usr/bin/env node
/**
 * `npm run gateway [-- --config FILE] [--port N] [--admin-port N] [--host H]`
 * `npm run gateway -- --hash-key KEY` prints the SHA-256 a config stores for a virtual key.
 *
 * Without --config the gateway runs its embedded default config against built-in mock
 * providers and a ledger, started in this process, so it serves on a fresh machine with no
 * provider keys. SIGHUP reloads the config file; SIGTERM and SIGINT drain, then exit 0 (1 if
 * the drain fails). A start that fails (a port taken, a config that cannot be applied) closes
 * whatever it had opened and exits 1.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BUDGETS_USD, defaultConfig } from './config/default.js';
import { formatProblems, loadConfigFile, parseConfig, type ConfigResult } from './config/load.js';
import type { GatewayConfig } from './config/schema.js';
import { Gateway } from './gateway.js';
import { hashKey } from './governance/keys.js';
import { startLedger } from './ledger/server.js';
import { jsonLogger } from './log.js';
import { startMockProvider } from './mock/server.js';

const EXIT_USAGE = 2;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        'admin-port': { type: 'string' },
        host: { type: 'string' },
        'hash-key': { type: 'string' },
        'access-log': { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`gateway: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  if (args['hash-key'] !== undefined) {
    process.stdout.write(`${hashKey(args['hash-key'])}\n`);
    return 0;
  }
  const port = portFlag(args.port, '--port');
  const adminPort = portFlag(args['admin-port'], '--admin-port');
  if (port === null || adminPort === null) return EXIT_USAGE;

  const logger = jsonLogger();
  const closers: (() => Promise<void>)[] = [];
  let loaded: ConfigResult;
  if (args.config) {
    loaded = await loadConfigFile(args.config);
  } else {
    const [providerA, providerB, ledger] = await Promise.all([startMockProvider({ name: 'provider-a' }), startMockProvider({ name: 'provider-b' }), startLedger({ budgets: DEFAULT_BUDGETS_USD })]);
    closers.push(() => providerA.close(), () => providerB.close(), () => ledger.close());
    loaded = parseConfig(defaultConfig({ providerA: providerA.url, providerB: providerB.url, ledger: ledger.url }), '<embedded default>');
    // No demo key here: keys never go to a log (the README lists the demo keys).
    logger.log('info', 'using the embedded default config with built-in mock providers', { providerA: providerA.url, providerB: providerB.url, ledger: ledger.url });
  }
  if (!loaded.ok) {
    process.stderr.write(`gateway: the config is not valid:\n${formatProblems(loaded.problems)}\n`);
    await Promise.all(closers.map((c) => c()));
    return EXIT_USAGE;
  }
  const config: GatewayConfig = {
    ...loaded.config,
    server: {
      ...loaded.config.server,
      ...(port !== undefined && { port }),
      ...(adminPort !== undefined && { adminPort }),
      ...(args.host !== undefined && { host: args.host }),
      ...(args['access-log'] && { accessLog: true }),
    },
  };

  let gateway: Gateway;
  try {
    gateway = await Gateway.start({ config, configFile: args.config, logger });
  } catch (e) {
    // Gateway.start has closed what it opened: with the mocks closed too, nothing serves.
    process.stderr.write(`gateway: cannot start: ${(e as Error).message}\n`);
    await Promise.all(closers.map((c) => c()));
    return 1;
  }
  // One machine-readable line on stdout: scripts and tests wait for it.
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: gateway.url, metrics: gateway.metricsUrl, pid: process.pid })}\n`);

  process.on('SIGHUP', () => void gateway.reload());
  const stop = async (signal: string) => {
    logger.log('info', 'shutting down', { signal });
    let code = 0;
    try {
      await gateway.drain();
    } catch (e) {
      logger.log('error', 'the drain failed', { error: (e as Error).message });
      code = 1;
    }
    await Promise.all(closers.map((c) => c()));
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return -1;
}

/** undefined when absent, null (after printing why) when not a port. */
function portFlag(value: string | undefined, flag: string): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (/^\d+$/.test(value) && n <= 65535) return n;
  process.stderr.write(`gateway: ${flag} must be a port number (0-65535), not ${JSON.stringify(value)}\n`);
  return null;
}

const code = await main();
// A failure exits at once: no handle left open may keep a half-started gateway alive.
if (code > 0) process.exit(code);
if (code === 0) process.exitCode = 0;
