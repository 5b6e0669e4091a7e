import { execa, type ResultPromise } from 'execa';
import { stringify } from 'yaml';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../src/integrations/gateway/config/default.js';
import type { ConfigInput } from '../../src/integrations/gateway/config/schema.js';
import { startLedger, type Ledger } from '../../src/integrations/gateway/ledger/server.js';
import { startMockProvider, type MockProvider } from '../../src/integrations/gateway/mock/server.js';
import { gatewayScriptArgs } from '../../src/integrations/loadtest/gatewayProcess.js';
import { awaitListening } from '../../src/integrations/loadtest/listening.js';
import { WAIT } from '../support/timeouts.js';

/** A gateway started as its own process, by the command line of `npm run gateway`. */
export interface GatewayProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ResultPromise;
  /** Everything it wrote to stderr so far (its JSON log lines). */
  stderr(): string;
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code. */
  exited(): Promise<number | undefined>;
}

export async function writeConfig(file: string, config: ConfigInput): Promise<void> {
  await writeFile(file, stringify(config));
}

export async function spawnGateway(args: readonly string[]): Promise<GatewayProcess> {
  const child = execa(process.execPath, [...gatewayScriptArgs(process.cwd()), '--port', '0', ...args], { reject: false, buffer: false, cleanup: true });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const listening = await awaitListening(child.stdout!, child, { what: 'the gateway', timeoutMs: WAIT.process, log: () => err });
  return {
    url: listening.url,
    pid: listening.pid,
    child,
    stderr: () => err,
    signal: (name) => process.kill(listening.pid, name),
    exited: async () => (await child).exitCode,
  };
}

/** Two mock providers, a ledger, the default config pointing at them, and a temp folder for config files. */
export interface Backends {
  readonly providerA: MockProvider;
  readonly providerB: MockProvider;
  readonly ledger: Ledger;
  readonly base: ConfigInput;
  readonly dir: string;
  close(): Promise<void>;
}

export async function startBackends(): Promise<Backends> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lookout-gateway-'));
  const [providerA, providerB, ledger] = await Promise.all([startMockProvider({ name: 'provider-a' }), startMockProvider({ name: 'provider-b' }), startLedger({ budgets: { search: 100 } })]);
  return {
    providerA,
    providerB,
    ledger,
    dir,
    base: defaultConfig({ providerA: providerA.url, providerB: providerB.url, ledger: ledger.url }),
    async close() {
      await Promise.all([providerA.close(), providerB.close(), ledger.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
