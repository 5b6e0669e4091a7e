import type { ExpectationSpec, Traffic } from '../scenario.js';

/**
 * The clock of the shipped scenarios: one real second is one shipped minute, so a 5m `for`
 * holds after 5 s and a 1h SLO window is one minute long; with a 1 s scrape, the shortest
 * ranges (5m → 5 s) keep their four-scrape floor.
 */
export const MINUTE_PER_SECOND = { timeScale: 60, scrapeIntervalMs: 1000 } as const;

/**
 * The everyday mix: all three teams, every model of the default config, a third of the
 * requests streamed. 18 rps keeps each team's spend under the cost-anomaly floor
 * (10 USD/hour) and each key's auth cache warm.
 */
export const EVERYDAY_TRAFFIC: Traffic = {
  ratePerSecond: 18,
  streamingShare: 1 / 3,
  teams: { search: 1, support: 1, finance: 1 },
  models: { 'gpt-4o': 3, 'gpt-4o-mini': 1, 'claude-sonnet': 1 },
};

/** The pages a working fallback must keep away from the pager: every client-facing SLO and the 5xx alert. */
export const CLIENT_PAGES_QUIET: readonly ExpectationSpec[] = [
  'GatewayHighErrorRate',
  'GatewayRequestsBudgetBurn',
  'GatewayAvailabilityBudgetBurn',
  'GatewayLatency4sBudgetBurn',
  'GatewayLatency8sBudgetBurn',
  'GatewayOverheadBudgetBurn',
].map((alertname) => ({ kind: 'quiet', alertname }));
