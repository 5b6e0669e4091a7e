import type { Ledger } from '../gateway/ledger/server.js';
import type { LedgerReconciliation } from './report/types.js';
import { instantValue, type RunningPrometheus } from './prometheus.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * From the driver's counts: requests the gateway answered with some HTTP status or began to
 * stream before the client hung up (`all`), those answered 200 (`ok`), and the abandoned
 * streams, each of which delivered content and so is billed.
 */
function answered(requests: Readonly<Record<string, number>>): { all: number; ok: number; abandoned: number; billed: number } {
  const abandoned = requests['abandoned'] ?? 0;
  let all = abandoned;
  for (const [outcome, n] of Object.entries(requests)) if (/^\d{3}$/.test(outcome)) all += n;
  const ok = requests['200'] ?? 0;
  return { all, ok, abandoned, billed: ok + abandoned };
}

/**
 * Once traffic has stopped, waits (up to `timeoutMs`) for the replicas' outboxes to reach the
 * ledger, then compares what the clients were answered with what the ledger holds: one audit
 * event per answered request, one debit per 200 (every answer of the mock providers carries
 * usage) and per abandoned stream (billed for what it delivered), and the same spend as the
 * gateways' own cost counter, read from Prometheus. Nothing lost means all three agree.
 */
export async function reconcileLedger(
  ledger: Pick<Ledger, 'summary'>,
  prometheus: Pick<RunningPrometheus, 'api'>,
  requests: Readonly<Record<string, number>>,
  options: { timeoutMs: number; scrapeIntervalMs: number },
): Promise<LedgerReconciliation> {
  const want = answered(requests);
  const until = Date.now() + options.timeoutMs;
  let summary = ledger.summary();
  while ((summary.events < want.all || summary.debits < want.billed) && Date.now() < until) {
    await sleep(250);
    summary = ledger.summary();
  }
  const waitedMs = options.timeoutMs - Math.max(0, until - Date.now());
  // Two scrapes after the last request, Prometheus has every replica's final cost counter.
  await sleep(2 * options.scrapeIntervalMs);
  const usdGateway = await instantValue(prometheus, 'sum(gateway_cost_usd_total)');
  const usdLedger = Object.values(summary.usdByTeam).reduce((a, b) => a + b, 0);
  const usdAgree = Math.abs(usdGateway - usdLedger) <= 1e-9 * Math.max(1, usdGateway);
  const met = summary.events === want.all && summary.debits === want.billed && usdAgree;
  const detail = [
    `${summary.events} audit event(s) for ${want.all} answered request(s)`,
    `${summary.debits} debit(s) for ${want.ok} answered 200${want.abandoned > 0 ? ` and ${want.abandoned} abandoned stream(s)` : ''}`,
    `${usdLedger.toFixed(6)} USD in the ledger, ${usdGateway.toFixed(6)} counted by the gateway`,
    `${summary.duplicates} duplicate(s) ignored`,
    `${(waitedMs / 1000).toFixed(1)} s for the outboxes to drain`,
  ].join('; ');
  return {
    met,
    detail,
    answered: want.all,
    answeredOk: want.ok,
    abandoned: want.abandoned,
    auditEvents: summary.events,
    debits: summary.debits,
    usdGateway,
    usdLedger,
    duplicates: summary.duplicates,
    drainMs: waitedMs,
  };
}
