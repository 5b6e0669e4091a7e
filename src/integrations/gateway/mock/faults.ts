import { z } from 'zod';
import { fieldIssues, type FieldIssue } from './fieldIssues.js';
import { logNormal, type Random } from './random.js';
import { MAX_COMPLETION_TOKENS } from './completion.js';


const probability = z.number().min(0).max(1);
const milliseconds = z.number().min(0).max(600_000);

/**
 * Time before the response starts, as a log-normal distribution given by its median and 99th
 * percentile. `{ p50: 200 }` (p99 left out) is a fixed 200 ms; `{ p50: 300, p99: 2000 }` is
 * the long-tailed shape real providers have.
 */
const latency = z
  .strictObject({ p50: milliseconds, p99: milliseconds.optional() })
  .transform((l) => ({ p50: l.p50, p99: l.p99 ?? l.p50 }))
  .check((ctx) => {
    const { p50, p99 } = ctx.value;
    if (p99 < p50) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['p99'], message: `p99 (${p99}) must be at least p50 (${p50})` });
    else if (p50 === 0 && p99 > 0) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['p50'], message: 'a spread latency needs a p50 above 0' });
  });

const faultsShape = {
  latencyMs: latency,
  /** Share of requests answered `errorStatus` with OpenAI's server_error body. */
  errorRate: probability,
  errorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
  /** Share answered 429 with `retry-after`. */
  rateLimitRate: probability,
  /** Sent as `retry-after` (whole seconds, rounded up) and `retry-after-ms` (exact). */
  retryAfterSeconds: z.number().min(0).max(3600),
  /** Share accepted and never answered: the socket is held until the client gives up. */
  timeoutRate: probability,
  /** Share whose connection is reset (TCP RST) instead of answered. */
  resetRate: probability,
  /** Share of successful streams cut (socket closed) after half their content, with no [DONE]. */
  streamAbortRate: probability,
  /** Share of streams that leave out the usage chunk although `include_usage` asked for it. */
  omitUsageRate: probability,
  /** Wait between the role chunk and the first content chunk: time to first token. */
  firstChunkDelayMs: milliseconds,
  /** Wait before each later content chunk and before the finish chunk: a slow stream. */
  streamChunkDelayMs: milliseconds,
  /** Completion length when the request gives no `max_tokens`. */
  completionTokens: z.int().min(1).max(MAX_COMPLETION_TOKENS),
};

const faultsSchema = z.strictObject(faultsShape);
const patchSchema = z.strictObject(faultsShape).partial();

/** The mock's fault settings, all of them; see `DEFAULT_FAULTS`. */
export type Faults = z.output<typeof faultsSchema>;
/** What `setFaults` and `PUT /admin/faults` take: any subset, merged into the current settings. */
export type FaultsPatch = z.input<typeof patchSchema>;

/** A healthy provider: no latency, no faults, 16-token completions. */
export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
  latencyMs: { p50: 0, p99: 0 },
  errorRate: 0,
  errorStatus: 500,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  timeoutRate: 0,
  resetRate: 0,
  streamAbortRate: 0,
  omitUsageRate: 0,
  firstChunkDelayMs: 0,
  streamChunkDelayMs: 0,
  completionTokens: 16,
});

// Outcomes are slices of one uniform draw, so that each rate is exactly the share asked for;
// the slices cannot overlap, hence their sum is at most 1.
const exclusiveRates = ['resetRate', 'timeoutRate', 'rateLimitRate', 'errorRate'] as const;

/** Validates `patch` and merges it into `current`; invalid input leaves nothing changed. */
export function mergeFaults(current: Readonly<Faults>, patch: unknown): { ok: true; faults: Faults } | { ok: false; issues: FieldIssue[] } {
  const parsed = patchSchema.safeParse(patch ?? {});
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Partial<Faults>;
  const faults: Faults = { ...current, ...defined, latencyMs: { ...(defined.latencyMs ?? current.latencyMs) } };
  const sum = exclusiveRates.reduce((s, k) => s + faults[k], 0);
  if (sum > 1 + 1e-9) {
    const field = exclusiveRates.find((k) => k in defined) ?? 'errorRate';
    return { ok: false, issues: [{ path: field, message: `${exclusiveRates.join(' + ')} add up to ${sum}; they are shares of one draw and must add up to at most 1` }] };
  }
  return { ok: true, faults };
}

export type Outcome = 'ok' | 'error' | 'rate_limited' | 'timeout' | 'reset';

/** What the faults decided for one request. */
export interface Draw {
  outcome: Outcome;
  latencyMs: number;
  abortStream: boolean;
  omitUsage: boolean;
}

/**
 * Decides one request's fate. Every request takes exactly five numbers from `random`, whatever
 * the settings, so request n of a run draws the same numbers as request n of any other run with
 * the same seed: changing one fault between runs does not reshuffle the others.
 */
export function drawFaults(f: Readonly<Faults>, random: Random): Draw {
  const u = random();
  const latencyMs = logNormal(f.latencyMs.p50, f.latencyMs.p99, random(), random());
  const abortStream = random() < f.streamAbortRate;
  const omitUsage = random() < f.omitUsageRate;
  let edge = f.resetRate;
  let outcome: Outcome = 'ok';
  if (u < edge) outcome = 'reset';
  else if (u < (edge += f.timeoutRate)) outcome = 'timeout';
  else if (u < (edge += f.rateLimitRate)) outcome = 'rate_limited';
  else if (u < (edge += f.errorRate)) outcome = 'error';
  return { outcome, latencyMs, abortStream, omitUsage };
}
