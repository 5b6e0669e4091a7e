import { defaultConfig } from '../../../src/integrations/gateway/config/default.js';
import { formatProblems, parseConfig } from '../../../src/integrations/gateway/config/load.js';
import type { ConfigInput, GatewayConfig } from '../../../src/integrations/gateway/config/schema.js';
import { hashKey } from '../../../src/integrations/gateway/governance/keys.js';

/** Where the gateway's backends listen (origins, without /v1): one mock serves as both providers, so every target is one hop from the same process. */
export interface Backends {
  readonly provider: string;
  readonly ledger: string;
}

// Far above anything a 2-core machine can send, so no request is refused for the benchmark's own volume.
const UNLIMITED = { requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000_000 };
export const BENCH_BUDGET_USD = 1_000_000_000;

/**
 * The default config with every feature on (auth, guardrails, rate limits, budgets, outbox,
 * audit) and limits and budgets raised: still checked on each request, never reached.
 */
export function allFeaturesConfig(b: Backends, metrics: boolean): GatewayConfig {
  const base = defaultConfig({ providerA: b.provider, providerB: b.provider, ledger: b.ledger }, 0);
  return validated({
    ...base,
    server: { ...base.server, metrics, shutdownGraceMs: 0 },
    teams: base.teams!.map((t) => ({ ...t, budgetUsd: BENCH_BUDGET_USD, limits: UNLIMITED })),
    keys: base.keys!.map((k) => ({ ...k, limits: k.limits && UNLIMITED })),
  });
}

export const scrapeModel = (i: number) => `bench-model-${String(i).padStart(3, '0')}`;
export const scrapeTeam = (i: number) => `team-${String(i).padStart(3, '0')}`;
export const scrapeKey = (i: number) => `sk-bench-${scrapeTeam(i)}`;

/**
 * A config for the /metrics scrape: `models` models over two providers (model i on provider
 * i mod 2) and `teams` teams with one key each, so one request per (model, team) creates one
 * series of every per-request metric. All features on, as in `allFeaturesConfig`.
 */
export function scrapeConfig(b: Backends, models: number, teams: number): GatewayConfig {
  const base = defaultConfig({ providerA: b.provider, providerB: b.provider, ledger: b.ledger }, 0);
  const names = Array.from({ length: models }, (_, i) => scrapeModel(i));
  return validated({
    ...base,
    server: { ...base.server, maxModelLabels: models, shutdownGraceMs: 0 },
    // The mock serves gpt-4o: every bench model is sent upstream under that name.
    models: names.map((name, i) => ({ name, targets: [{ provider: i % 2 === 0 ? 'provider-a' : 'provider-b', model: 'gpt-4o' }] })),
    prices: Object.fromEntries(names.map((name) => [name, { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 }])),
    teams: Array.from({ length: teams }, (_, i) => ({ name: scrapeTeam(i), budgetUsd: BENCH_BUDGET_USD, limits: UNLIMITED })),
    keys: Array.from({ length: teams }, (_, i) => ({ id: `key-${scrapeTeam(i)}`, team: scrapeTeam(i), sha256: hashKey(scrapeKey(i)) })),
  });
}

function validated(input: ConfigInput): GatewayConfig {
  const parsed = parseConfig(input, '<bench config>');
  if (!parsed.ok) throw new Error(`the benchmark's gateway config is not valid:\n${formatProblems(parsed.problems)}`);
  return parsed.config;
}
