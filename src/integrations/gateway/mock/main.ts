/**
 * The mock provider as its own process:
 *
 *   tsx src/integrations/gateway/mock/main.ts [--port 0] [--name provider-a] [--faults '{"errorRate":0.05}']
 *                                [--seed 42] [--models gpt-4o,gpt-4o-mini] [--require-key KEY]
 *
 * Prints `{"event":"listening","name":…,"url":…,"port":…,"pid":…}` when ready; SIGTERM stops it.
 */
import type { FaultsPatch } from './faults.js';
import { jsonFlag, serveFromCli } from './cli.js';
import { startMockProvider } from './server.js';

await serveFromCli(
  'mock provider',
  {
    name: { type: 'string', default: 'mock' },
    faults: { type: 'string' },
    seed: { type: 'string' },
    models: { type: 'string' },
    'require-key': { type: 'string' },
  },
  (flags, port) => {
    const seed = flags.seed === undefined ? undefined : Number(flags.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed: expected an integer, got ${String(flags.seed)}`);
    return startMockProvider({
      name: String(flags.name),
      port,
      seed,
      faults: jsonFlag(flags.faults, 'faults') as FaultsPatch | undefined,
      models: typeof flags.models === 'string' ? flags.models.split(',').map((m) => m.trim()).filter(Boolean) : undefined,
      requireKey: typeof flags['require-key'] === 'string' ? flags['require-key'] : undefined,
    });
  },
  (flags) => ({ name: flags.name }),
);
