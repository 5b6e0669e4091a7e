/**
 * The ledger as its own process:
 *
 *   tsx src/integrations/gateway/ledger/main.ts [--port 0] [--budgets '{"search":100}'] [--faults '{"mode":"down"}']
 *
 * Prints `{"event":"listening","url":…,"port":…,"pid":…}` when ready; SIGTERM stops it.
 */
import { jsonFlag, serveFromCli } from '../mock/cli.js';
import type { LedgerFaults } from './faults.js';
import { startLedger } from './server.js';

await serveFromCli('ledger', { budgets: { type: 'string' }, faults: { type: 'string' } }, (flags, port) => {
  const budgets = jsonFlag(flags.budgets, 'budgets');
  if (budgets !== undefined && (typeof budgets !== 'object' || budgets === null || Object.values(budgets).some((v) => typeof v !== 'number'))) {
    throw new Error('--budgets: expected a JSON object of team: limit in USD');
  }
  return startLedger({ port, budgets: budgets as Record<string, number> | undefined, faults: jsonFlag(flags.faults, 'faults') as Partial<LedgerFaults> | undefined });
});
