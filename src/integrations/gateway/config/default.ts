import { MAX_COMPLETION_TOKENS } from '../mock/completion.js';
import type { ConfigInput } from './schema.js';

/** Where the built-in mock providers and ledger listen, known only once they have started. */
export interface BuiltinBackends {
  readonly providerA: string;
  readonly providerB: string;
  readonly ledger: string;
}

/**
 * The API keys of the default config, in clear so a new user can send a request. Only their
 * SHA-256 is in the config, as in any real one.
 */
export const DEMO_KEYS = {
  search: 'sk-lookout-search',
  support: 'sk-lookout-support',
  finance: 'sk-lookout-finance',
} as const;

/** The default teams' budgets, in USD: the config's and those the built-in ledger starts with. */
export const DEFAULT_BUDGETS_USD = { search: 100, support: 50, finance: 10 } as const;

/**
 * The config `npm run gateway` uses without `--config`: two mock providers, a ledger, three
 * teams with keys, budgets and limits, and two guardrails, so every feature (and every
 * catalog metric) is live on a fresh machine with no provider keys.
 */
export function defaultConfig(backends: BuiltinBackends, port = 8080): ConfigInput {
  return {
    server: { port },
    providers: [
      { name: 'provider-a', baseUrl: `${backends.providerA}/v1`, credentials: [{ name: 'primary' }, { name: 'secondary' }], timeoutMs: 10_000 },
      { name: 'provider-b', baseUrl: `${backends.providerB}/v1`, timeoutMs: 10_000 },
    ],
    // The mock providers never write more than MAX_COMPLETION_TOKENS a choice: that is these
    // models' limit, and what a request without max_tokens reserves against its team's budget.
    models: [
      { name: 'gpt-4o', targets: [{ provider: 'provider-a', weight: 3 }, { provider: 'provider-b', weight: 1 }], maxOutputTokens: MAX_COMPLETION_TOKENS },
      { name: 'gpt-4o-mini', targets: [{ provider: 'provider-b' }], fallbacks: [{ provider: 'provider-a' }], maxOutputTokens: MAX_COMPLETION_TOKENS },
      { name: 'claude-sonnet', targets: [{ provider: 'provider-a' }], fallbacks: [{ provider: 'provider-b', model: 'gpt-4o' }], maxOutputTokens: MAX_COMPLETION_TOKENS },
    ],
    prices: {
      'gpt-4o': { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 },
      'gpt-4o-mini': { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
      'claude-sonnet': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
    },
    teams: [
      { name: 'search', budgetUsd: DEFAULT_BUDGETS_USD.search, limits: { requestsPerMinute: 60_000, tokensPerMinute: 20_000_000 } },
      { name: 'support', budgetUsd: DEFAULT_BUDGETS_USD.support, limits: { requestsPerMinute: 30_000 } },
      { name: 'finance', budgetUsd: DEFAULT_BUDGETS_USD.finance },
    ],
    keys: [
      { id: 'search-prod', team: 'search', sha256: 'e222ac4022c4cbd9fa1ab4c16023f03cf3757aeb584d4531e68cd89a82d5f4e7' },
      { id: 'support-bot', team: 'support', sha256: '08de5f084efe49d914090e68c4a62a295b36b4a0e7522953e1ea1851441070e4', limits: { requestsPerMinute: 20_000 } },
      { id: 'finance-reports', team: 'finance', sha256: 'b7a73fc44171b5e8e5cdf48d98dc85bdac96fd91e45177ccade072aff893e2a6' },
    ],
    ledger: { url: `${backends.ledger}/v1` },
    guardrails: [
      { name: 'pii-email', pattern: '[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}', action: 'redact', replacement: '[EMAIL]' },
      { name: 'secret-key', pattern: '\\bsk-[a-z0-9]{24,}\\b', action: 'block', stages: ['request'] },
    ],
  };
}
