import type { ModelRoute } from '../runtime.js';

/** Tokens of one response: reported by the provider, estimated, or a worst case. */
export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** Where a response's usage came from: the provider's report, or the gateway's estimate of a stream cut short. */
export type UsageSource = 'provider' | 'estimated';

/** The usage block of an OpenAI response or final stream chunk, if it has a well-formed one. */
export function readUsage(value: unknown): Usage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { prompt_tokens: input, completion_tokens: output } = value as { prompt_tokens?: unknown; completion_tokens?: unknown };
  if (!isCount(input) || !isCount(output)) return undefined;
  return { inputTokens: input, outputTokens: output };
}

/** US dollars for `usage` at the model's price. */
export function priceOf(usage: Usage, price: ModelRoute['price']): number {
  return (usage.inputTokens * price.inputPerMillionUsd + usage.outputTokens * price.outputPerMillionUsd) / 1_000_000;
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}
