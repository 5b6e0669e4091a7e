import { ANY_ALERT, type ExpectationSpec, type Traffic } from '../scenario.js';

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

/** The receivers a page for the platform team reaches, in Alertmanager's order (generated/alertmanager/routes.test.yml). */
export const PAGE_RECEIVERS = ['incident-log', 'ai-platform-pager', 'ai-platform-slack'] as const;

/** Where the platform team's tickets go. */
export const TICKET_RECEIVER = 'ai-platform-slack';

/** A page of the platform team: the alert must reach the incident log, the pager and the channel within `withinMs` of `after`. */
export function pages(alertname: string, after: string, withinMs: number, labels?: Readonly<Record<string, string>>): ExpectationSpec[] {
  return PAGE_RECEIVERS.map((receiver) => ({ kind: 'fires', alertname, ...(labels && { labels }), receiver, after, withinMs }));
}

/** A ticket of the platform team: the alert must reach its channel within `withinMs` of `after`. */
export function tickets(alertname: string, after: string, withinMs: number, labels?: Readonly<Record<string, string>>): ExpectationSpec {
  return { kind: 'fires', alertname, ...(labels && { labels }), receiver: TICKET_RECEIVER, after, withinMs };
}

/** No page of any kind: what a fault the gateway absorbs must leave the pager. */
export const NO_PAGE: ExpectationSpec = { kind: 'quiet', alertname: ANY_ALERT, labels: { severity: 'page' } };
