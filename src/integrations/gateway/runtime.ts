import type { GatewayConfig, ModelConfig } from './config/schema.js';
import type { BudgetBook } from './governance/budget.js';
import { Guardrails } from './governance/guardrails.js';
import { KeyStore } from './governance/keys.js';
import { LedgerClient } from './governance/ledgerClient.js';
import { RateLimiter } from './governance/rateLimit.js';
import { BoundedLabel } from './labels.js';
import type { GatewayInstruments } from './metrics.js';
import type { Hop } from './upstream/balancer.js';
import type { Timers } from './timers.js';
import { Provider } from './upstream/provider.js';

/** A model as requests see it: its weighted targets and fallbacks, resolved to upstream names. */
export interface ModelRoute {
  readonly name: string;
  readonly targets: readonly (Hop & { readonly weight: number })[];
  readonly fallbacks: readonly Hop[];
  readonly price: { readonly inputPerMillionUsd: number; readonly outputPerMillionUsd: number };
  /** The most completion tokens a choice may ask for (config `models[].maxOutputTokens`). */
  readonly maxOutputTokens: number;
}

/**
 * Everything built from one config: providers with their pools and circuits, models, keys,
 * limits, budgets and guardrails. A reload builds a new Runtime and swaps it in; requests in
 * flight finish on the one they started with.
 */
export class Runtime {
  readonly providers: ReadonlyMap<string, Provider>;
  readonly models: ReadonlyMap<string, ModelRoute>;
  readonly keys: KeyStore;
  readonly limiter: RateLimiter;
  /** The gateway's one budget book: it outlives reloads, so requests of every runtime reserve in it. */
  readonly budget: BudgetBook;
  readonly guardrails: Guardrails;
  readonly ledger: LedgerClient | undefined;
  readonly modelLabel: BoundedLabel;
  readonly teamLabel: BoundedLabel;

  /** Throws (with the field named) when the config cannot be applied, e.g. an API key file is missing. */
  constructor(
    readonly config: GatewayConfig,
    metrics: GatewayInstruments,
    budget: BudgetBook,
    /** The circuits' timers; the global ones unless a test moves time by hand. */
    timers?: Timers,
  ) {
    const providers = new Map<string, Provider>();
    try {
      for (const p of config.providers) providers.set(p.name, new Provider(p, config.circuit, metrics, timers));
    } catch (e) {
      for (const p of providers.values()) void p.close();
      throw e;
    }
    this.providers = providers;
    this.models = new Map(config.models.map((m) => [m.name, route(m, config)]));
    this.keys = new KeyStore(config.keys, config.auth, metrics);
    this.limiter = new RateLimiter(config.teams, metrics);
    this.ledger = config.ledger.url ? new LedgerClient(config.ledger.url, config.ledger.timeoutMs) : undefined;
    this.budget = budget;
    this.guardrails = new Guardrails(config.guardrails, metrics, config.screening.maxChars);
    this.modelLabel = new BoundedLabel(config.models.map((m) => m.name), config.server.maxModelLabels);
    this.teamLabel = new BoundedLabel(config.teams.map((t) => t.name), Number.POSITIVE_INFINITY);
  }

  async close(): Promise<void> {
    await Promise.all([...this.providers.values()].map((p) => p.close()));
    await this.ledger?.close();
  }
}

function route(m: ModelConfig, config: GatewayConfig): ModelRoute {
  return {
    name: m.name,
    targets: m.targets.map((t) => ({ provider: t.provider, upstreamModel: t.model ?? m.name, weight: t.weight })),
    fallbacks: m.fallbacks.map((t) => ({ provider: t.provider, upstreamModel: t.model ?? m.name })),
    price: config.prices[m.name]!,
    maxOutputTokens: m.maxOutputTokens,
  };
}
