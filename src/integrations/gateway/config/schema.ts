import { z } from 'zod';
import { LinearPattern, PatternError } from './linearPattern.js';

// Every default lives here, so a config file only has to say what differs from a sane gateway.
const name = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, 'letters, digits, ".", "_" or "-", at most 63, starting with a letter or digit');
const ms = z.number().int().nonnegative();
const positiveMs = z.number().int().positive();
const stage = z.enum(['request', 'response', 'stream']);

const limits = z
  .object({
    /** Requests admitted per minute (token bucket: bursts up to this many). */
    requestsPerMinute: z.number().int().positive().optional(),
    /** Prompt plus completion tokens per minute, estimated at admission and settled from usage. */
    tokensPerMinute: z.number().int().positive().optional(),
  })
  .strict();

const credential = z
  .object({
    name,
    /** Environment variable holding the upstream API key. */
    apiKeyEnv: z.string().min(1).optional(),
    /** File holding the upstream API key (trailing newline ignored). */
    apiKeyFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => !(c.apiKeyEnv && c.apiKeyFile), { message: 'give apiKeyEnv or apiKeyFile, not both' });

const provider = z
  .object({
    name,
    /** Base URL of an OpenAI-compatible API, up to and including `/v1`. */
    baseUrl: z.url({ protocol: /^https?$/ }),
    /** Each credential has its own circuit breaker; requests rotate over the healthy ones. */
    credentials: z.array(credential).min(1).default([{ name: 'default' }]),
    /** Time allowed for the upstream's response headers (streams: its first byte). */
    timeoutMs: positiveMs.default(30_000),
    /** Longest silence allowed inside a response body or stream. */
    idleTimeoutMs: positiveMs.default(30_000),
    maxConnections: z.number().int().positive().default(256),
  })
  .strict();

const target = z
  .object({
    provider: name,
    /** The model name sent upstream; defaults to the name clients use. */
    model: z.string().min(1).optional(),
    weight: z.number().positive().default(1),
  })
  .strict();

const model = z
  .object({
    /** The name clients put in `model`. */
    name: z.string().min(1).max(128),
    /** Weighted load balancing: the first attempt goes to one target picked by weight. */
    targets: z.array(target).min(1),
    /** Tried in order after every target has failed. */
    fallbacks: z.array(target.omit({ weight: true })).default([]),
    /**
     * The most completion tokens one choice may have: a request asking more (`max_tokens` or
     * `max_completion_tokens`) is refused with OpenAI's 400, and a request asking none is
     * reserved against its team's budget and token limits as if it asked this many. Set it to
     * the model's documented limit (or lower, to cap what one request may cost); the default
     * is gpt-4o's.
     */
    maxOutputTokens: z.number().int().positive().default(16_384),
  })
  .strict();

const price = z
  .object({ inputPerMillionUsd: z.number().nonnegative(), outputPerMillionUsd: z.number().nonnegative() })
  .strict();

const key = z
  .object({
    /** Shown in logs, audit events and debits; never the key itself. */
    id: name,
    team: name,
    /** Hex SHA-256 of the API key: keys are never stored in clear. `npm run gateway -- --hash-key KEY` prints it. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 (64 characters)'),
    limits: limits.optional(),
  })
  .strict();

const team = z
  .object({
    name,
    /** Spend allowed per budget period, in US dollars; omitted means no budget. */
    budgetUsd: z.number().positive().optional(),
    limits: limits.optional(),
  })
  .strict();

const guardrail = z
  .object({
    name,
    /**
     * An RE2 regular expression (without slashes), matched in time linear in the text by re2js,
     * case-insensitively unless `flags` say otherwise. A JavaScript regex means the same except:
     * no backreferences (`\1`, `\k<name>`) or lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`), which
     * need backtracking and are refused at load; a code point is `\x{00e9}`, not `\u00e9`; `\s`
     * is ASCII whitespace only; `.` and classes match whole code points and `i` folds case as
     * Unicode does, as JavaScript's `u` flag would.
     */
    pattern: z.string().min(1),
    /** i (case-insensitive), m (`^`/`$` at line ends), s (`.` matches newlines); u is accepted and changes nothing. */
    flags: z.string().regex(/^[imsu]*$/, 'only i, m, s and u (g is implied)').default('i'),
    action: z.enum(['redact', 'block']),
    stages: z.array(stage).min(1).default(['request', 'response', 'stream']),
    replacement: z.string().default('[REDACTED]'),
  })
  .strict()
  .superRefine((g, ctx) => {
    try {
      LinearPattern.compile(g.pattern, g.flags);
    } catch (e) {
      if (!(e instanceof PatternError)) throw e;
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: e.message });
    }
  });

export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** Serve /metrics on its own listener (and not on the main one) when set. */
        adminPort: z.number().int().min(0).max(65535).optional(),
        /** A larger body is answered 413 (a content-length over it before any byte is read) and its connection closed. */
        maxBodyBytes: z.number().int().positive().default(1_048_576),
        /**
         * Deepest nesting of arrays and objects a JSON body may have; deeper is a 400
         * (`json_too_deep`), checked on the bytes before anything recursive walks it. Tool and
         * response_format JSON schemas of real requests stay well under 32.
         */
        maxJsonDepth: z.number().int().min(1).max(1_000).default(64),
        /** Time for the request headers to arrive, from the connection or the previous request; then 408 and closed. Read at start: a reload does not change it. */
        headersTimeoutMs: positiveMs.default(30_000),
        /** Time for the whole body to arrive once the headers have; then 408 and closed. */
        bodyTimeoutMs: positiveMs.default(30_000),
        /**
         * Open client connections served at once; a request on a connection over the cap is
         * answered 503 with retry-after and the connection closed (/healthz, /readyz and
         * /metrics are still served). Keep it under the process's file limit (`ulimit -n`).
         */
        maxConnections: z.number().int().positive().default(4_096),
        /**
         * After SIGTERM, how long /readyz answers 503 while requests are still served as usual
         * (keep-alive included), so that a load balancer sees the replica leave and stops
         * sending to it before the listener closes. Make it longer than the balancer's
         * health-check interval times its failure threshold; 0 closes the listener at once.
         */
        shutdownGraceMs: ms.default(5_000),
        /**
         * Once the listener has closed: how long requests in flight and requests sent on open
         * keep-alive connections get to be answered (each answer says `connection: close`)
         * before the connections still open are closed. A connection left idle is closed when
         * its keep-alive (65 s) runs out, or then: a client may be writing on it. The ledger
         * queues are flushed after that. A supervisor's kill timeout (Kubernetes' terminationGracePeriodSeconds)
         * should exceed shutdownGraceMs + drainTimeoutMs by a few seconds.
         */
        drainTimeoutMs: positiveMs.default(30_000),
        /** Whole-request deadline, retries and fallbacks included (streams: until the first byte). */
        requestTimeoutMs: positiveMs.default(120_000),
        /** Distinct `model` label values before the rest are folded into `other`. */
        maxModelLabels: z.number().int().positive().default(50),
        /** One JSON log line per request; off by default because it costs throughput. */
        accessLog: z.boolean().default(false),
        /** Metrics off replaces every instrument with a no-op: the benchmark's baseline. */
        metrics: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    providers: z.array(provider).min(1),
    models: z.array(model).min(1),
    /** Per-model token prices; every model needs one, or its requests would spend nothing. */
    prices: z.record(z.string(), price),
    keys: z.array(key).default([]),
    teams: z.array(team).default([]),
    retry: z
      .object({
        /** Attempts per provider before falling back, the first included. */
        maxAttempts: z.number().int().min(1).max(10).default(2),
        baseDelayMs: ms.default(100),
        /** A retry-after longer than this is not waited for: the request falls back instead. */
        maxDelayMs: ms.default(2_000),
      })
      .strict()
      .prefault({}),
    circuit: z
      .object({
        /** Consecutive failed attempts (errors, timeouts, connection errors) that open the circuit. */
        failureThreshold: z.number().int().positive().default(5),
        openMs: positiveMs.default(30_000),
        /** Requests let through at once while half-open. */
        halfOpenProbes: z.number().int().positive().default(1),
      })
      .strict()
      .prefault({}),
    ledger: z
      .object({
        /** The control plane that takes budget debits and audit events; omitted: debits and events are counted, then dropped. */
        url: z.url({ protocol: /^https?$/ }).optional(),
        timeoutMs: positiveMs.default(2_000),
        flushIntervalMs: positiveMs.default(1_000),
        batchSize: z.number().int().positive().default(200),
        outboxCapacity: z.number().int().positive().default(10_000),
        eventQueueCapacity: z.number().int().positive().default(10_000),
        /**
         * Delivery attempts per audit event batch before its events count as failed. Left out
         * (the default), a batch is retried with backoff until the ledger takes it: events are
         * lost only when the queue is full (counted as dropped) or the ledger refuses them (4xx).
         */
        eventAttempts: z.number().int().positive().optional(),
        /** Spend share at which a team's budget is checked live against the ledger. */
        nearLimitRatio: z.number().gt(0).lte(1).default(0.9),
        /** How often cached budget snapshots are refreshed from the ledger. */
        budgetRefreshMs: positiveMs.default(30_000),
        /**
         * An append-only file (JSON lines, fsync'd) where a shutdown hands over the debits and
         * audit events the ledger has not taken when the drain ends; the next start replays them
         * (each exactly once at the ledger, by id). One file per replica, in a folder that exists.
         * Left out, whatever is still queued at shutdown is lost (the drain says how much).
         */
        spoolFile: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        /** Entries in the in-process (l1) key cache. */
        cacheSize: z.number().int().positive().default(10_000),
        cacheTtlMs: positiveMs.default(60_000),
      })
      .strict()
      .prefault({}),
    /**
     * How much text the guardrails read at once, so that no request can hold the event loop for
     * long: linear-time matching still costs about 10 ms per MiB per policy, and up to 0.5 s per
     * MiB for a redaction with a match every few characters. The limit counts characters: a
     * prompt's texts together, a complete response's choices together, one stream chunk.
     * Text over the limit is never screened in part (a secret padded past a prefix would get
     * through), so it is refused unread: a prompt with 413 `too_long_to_screen`, a response with
     * 502 `too_long_to_screen`, a stream chunk ends the stream with `finish_reason:
     * "content_filter"`; every policy of that stage counts a `block` verdict. Applies only to
     * stages some guardrail covers.
     */
    screening: z
      .object({
        maxChars: z.number().int().positive().default(262_144),
      })
      .strict()
      .prefault({}),
    guardrails: z.array(guardrail).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const providers = new Set(c.providers.map((p) => p.name));
    const teams = new Set(c.teams.map((t) => t.name));
    const unique = (items: { name?: string; id?: string }[], path: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const id = item.name ?? item.id ?? '';
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, i, item.name ? 'name' : 'id'], message: `"${id}" is declared twice` });
        seen.add(id);
      });
    };
    unique(c.providers, 'providers');
    unique(c.models, 'models');
    unique(c.keys, 'keys');
    unique(c.teams, 'teams');
    unique(c.guardrails, 'guardrails');
    c.models.forEach((m, i) => {
      for (const [list, targets] of [['targets', m.targets], ['fallbacks', m.fallbacks]] as const) {
        targets.forEach((t, j) => {
          if (!providers.has(t.provider)) {
            ctx.addIssue({ code: 'custom', path: ['models', i, list, j, 'provider'], message: `unknown provider "${t.provider}" (providers: ${[...providers].join(', ')})` });
          }
        });
      }
      if (!Object.hasOwn(c.prices, m.name)) {
        ctx.addIssue({ code: 'custom', path: ['prices'], message: `no price for model "${m.name}": its requests would never be charged to a budget` });
      }
    });
    c.keys.forEach((k, i) => {
      if (!teams.has(k.team)) ctx.addIssue({ code: 'custom', path: ['keys', i, 'team'], message: `unknown team "${k.team}" (teams: ${[...teams].join(', ') || 'none'})` });
    });
    if (c.server.adminPort !== undefined && c.server.adminPort !== 0 && c.server.adminPort === c.server.port) {
      ctx.addIssue({ code: 'custom', path: ['server', 'adminPort'], message: 'must differ from server.port' });
    }
  });

/** A gateway configuration as written (defaults not yet applied). */
export type ConfigInput = z.input<typeof configSchema>;
/** A validated gateway configuration, defaults applied. */
export type GatewayConfig = z.output<typeof configSchema>;
export type ProviderConfig = GatewayConfig['providers'][number];
export type ModelConfig = GatewayConfig['models'][number];
export type TargetConfig = ModelConfig['targets'][number];
export type GuardrailConfig = GatewayConfig['guardrails'][number];
export type Limits = NonNullable<GatewayConfig['keys'][number]['limits']>;
export type Stage = z.infer<typeof stage>;
