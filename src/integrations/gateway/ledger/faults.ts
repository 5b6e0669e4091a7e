import { z } from 'zod';
import { fieldIssues, type FieldIssue } from '../mock/fieldIssues.js';

/**
 * How the ledger misbehaves, for every `/v1` route (admin routes always answer):
 * - `up`: answers normally;
 * - `down`: 503 to everything;
 * - `reject`: 400 to every write (debits, events), as if the gateway sent a malformed batch;
 * - `hang`: never answers; the connection is held until the client gives up;
 * - `reset`: destroys the connection (TCP RST) without an answer.
 */
export const LEDGER_MODES = ['up', 'down', 'reject', 'hang', 'reset'] as const;

const shape = {
  mode: z.enum(LEDGER_MODES),
  /** Fixed wait before each `/v1` answer (in up, down and reject modes). */
  latencyMs: z.number().min(0).max(600_000),
};
const patchSchema = z.strictObject(shape).partial();

export type LedgerFaults = { mode: (typeof LEDGER_MODES)[number]; latencyMs: number };

export const DEFAULT_LEDGER_FAULTS: Readonly<LedgerFaults> = Object.freeze({ mode: 'up', latencyMs: 0 });

/** Validates `patch` and merges it into `current`; invalid input leaves nothing changed. */
export function mergeLedgerFaults(current: Readonly<LedgerFaults>, patch: unknown): { ok: true; faults: LedgerFaults } | { ok: false; issues: FieldIssue[] } {
  const parsed = patchSchema.safeParse(patch ?? {});
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  return { ok: true, faults: { mode: parsed.data.mode ?? current.mode, latencyMs: parsed.data.latencyMs ?? current.latencyMs } };
}
