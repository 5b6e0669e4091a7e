import { z } from 'zod';

const id = z.string().min(1).max(200);
const at = z.iso.datetime({ offset: true });
const tokens = z.int().min(0);
/** A key id names a key; a secret would be `sk-…`, and has no business in the control plane. */
const notSecret = [(k: string) => !k.startsWith('sk-'), 'looks like a secret API key (sk-…); send the key id'] as const;

// Strict objects: an unknown field is refused, so a gateway that starts sending, say, the
// prompt along with an audit event fails its tests instead of leaking text to the ledger.

/** One spend record: what a request cost a team. */
export const debitSchema = z.strictObject({
  id,
  team: z.string().min(1).max(200),
  key: z.string().min(1).max(200).refine(...notSecret),
  provider: z.string().min(1).max(200),
  model: z.string().min(1).max(200),
  inputTokens: tokens,
  outputTokens: tokens,
  usd: z.number().min(0),
  at,
});

/**
 * One audit record of a request. Who, what, how it ended: never the prompt or the completion.
 * team, key, model and provider may be empty for a request refused before they were known.
 */
export const auditEventSchema = z.strictObject({
  id,
  type: z.literal('audit'),
  at,
  requestId: z.string().min(1).max(200),
  team: z.string().max(200),
  key: z.string().max(200).refine(...notSecret),
  model: z.string().max(200),
  provider: z.string().max(200),
  status: z.int().min(100).max(599),
  stream: z.boolean(),
  durationMs: z.number().min(0),
  inputTokens: tokens.optional(),
  outputTokens: tokens.optional(),
  usd: z.number().min(0).optional(),
  /** Whether the tokens are the provider's report or the gateway's estimate (a stream cut short before its usage came). */
  usageSource: z.enum(['provider', 'estimated']).optional(),
  policyVerdicts: z.record(z.string(), z.string()).optional(),
});

/** The largest batch taken in one request; the gateway's default batch is 200. */
export const MAX_BATCH = 10_000;

export const debitBatchSchema = z.strictObject({ debits: z.array(debitSchema).max(MAX_BATCH) });
export const eventBatchSchema = z.strictObject({ events: z.array(auditEventSchema).max(MAX_BATCH) });

export type Debit = z.infer<typeof debitSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
