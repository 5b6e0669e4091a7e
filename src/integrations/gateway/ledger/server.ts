import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { describeIssues, fieldIssues, InvalidSettings } from '../mock/fieldIssues.js';
import { closeServer, createLocalServer, failureHandler, isGone, listenLocal, parseJson, pathOf, problemBody, putSettings, readBody, sendJson, sendProblem, Timers } from '../mock/http.js';
import { DEFAULT_LEDGER_FAULTS, mergeLedgerFaults, type LedgerFaults } from './faults.js';
import { debitBatchSchema, eventBatchSchema, type AuditEvent, type Debit } from './records.js';
import { LedgerStore, type LedgerSummary } from './store.js';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface Ledger {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Merges into the current faults; throws `InvalidSettings` naming the field, changing nothing. */
  setFaults(f: Partial<LedgerFaults>): void;
  faults(): LedgerFaults;
  summary(): LedgerSummary;
  /** Accepted debits in the order they came, duplicates left out. */
  debits(): Debit[];
  events(): AuditEvent[];
  setBudget(team: string, limitUsd: number): void;
  /** Forgets every record, faults back to up, budgets back to the start ones: `POST /admin/reset`. */
  reset(): void;
  /** Ends every connection, held ones included. */
  close(): Promise<void>;
}

export interface LedgerOptions {
  /** 0 (the default) lets the kernel pick. */
  port?: number;
  /** Spend limits by team, in USD. A team without one gets 404 from the budget route. */
  budgets?: Record<string, number>;
  faults?: Partial<LedgerFaults>;
}

/**
 * Starts a fake of the control plane on 127.0.0.1: it takes the gateway's budget debits and
 * audit events (idempotent by id), answers budget look-ups, and fails on demand.
 *
 * Faults delay or refuse the answer, never the recording: a batch taken under `latencyMs` is
 * stored at once and acknowledged late, so a gateway that times out and retries sends it
 * again, which is the case idempotency exists for.
 *
 * @example
 * const ledger = await startLedger({ budgets: { search: 100 } });
 * ledger.setFaults({ mode: 'down' });   // the gateway's outbox should fill, then drain on 'up'
 * ledger.summary().usdByTeam.search;
 */
export async function startLedger(options: LedgerOptions = {}): Promise<Ledger> {
  const store = new LedgerStore(options.budgets);
  const initial = mergeLedgerFaults(DEFAULT_LEDGER_FAULTS, options.faults);
  if (!initial.ok) throw new InvalidSettings('ledger faults', initial.issues);
  let faults: Readonly<LedgerFaults> = initial.faults;
  const timers = new Timers();

  const reset = () => {
    store.reset();
    faults = DEFAULT_LEDGER_FAULTS;
  };

  /**
   * Runs a `/v1` request through the current faults. `handle` (which records) runs at once when
   * the ledger is up; whatever the answer, it leaves after the latency.
   */
  function underFaults(res: ServerResponse, write: boolean, handle: () => Answer): void {
    const f = faults;
    if (f.mode === 'hang') return;
    let answer: Answer | 'reset';
    if (f.mode === 'reset') answer = 'reset';
    else if (f.mode === 'down') answer = { status: 503, body: problemBody('the ledger is down (fault mode "down")') };
    else if (f.mode === 'reject' && write) {
      store.countRejectedBatch();
      answer = { status: 400, body: problemBody('the ledger rejects every write (fault mode "reject")') };
    } else answer = handle();
    const send = () => {
      if (isGone(res)) return;
      if (answer === 'reset') res.socket?.resetAndDestroy();
      else sendJson(res, answer.status, answer.body);
    };
    if (f.latencyMs > 0) timers.after(f.latencyMs, send);
    else send();
  }

  async function takeBatch<S extends typeof debitBatchSchema | typeof eventBatchSchema>(
    req: IncomingMessage,
    res: ServerResponse,
    schema: S,
    add: (batch: z.output<S>) => { accepted: number; duplicates: number },
  ): Promise<void> {
    const text = await readBody(req, MAX_BODY_BYTES);
    if (text === undefined) return sendProblem(res, 413, `the batch is larger than ${MAX_BODY_BYTES} bytes`);
    underFaults(res, true, () => {
      const parsed = schema.safeParse(parseJson(text));
      if (!parsed.success) {
        store.countRejectedBatch();
        const issues = fieldIssues(parsed.error);
        return { status: 400, body: problemBody(describeIssues(issues), issues) };
      }
      return { status: 200, body: JSON.stringify(add(parsed.data as z.output<S>)) };
    });
  }

  async function putBudget(req: IncomingMessage, res: ServerResponse, team: string): Promise<void> {
    const text = await readBody(req, MAX_BODY_BYTES);
    const limitUsd = (parseJson(text ?? '') as { limitUsd?: unknown } | null | undefined)?.limitUsd;
    if (typeof limitUsd !== 'number' || !Number.isFinite(limitUsd) || limitUsd < 0) {
      return sendProblem(res, 400, 'limitUsd: expected a number of USD, 0 or more', [{ path: 'limitUsd', message: 'expected a number of USD, 0 or more' }]);
    }
    store.setBudget(team, limitUsd);
    sendJson(res, 200, JSON.stringify(store.budget(team)));
  }

  const server = createLocalServer((req, res) => {
    const path = pathOf(req);
    const failed = failureHandler(res);
    const team = (prefix: string) => (path.startsWith(prefix) && path.length > prefix.length ? decodeURIComponent(path.slice(prefix.length)) : undefined);
    const route = `${req.method} ${path}`;
    if (route === 'POST /v1/debits') return void takeBatch(req, res, debitBatchSchema, (b) => store.addDebits(b.debits)).catch(failed);
    if (route === 'POST /v1/events') return void takeBatch(req, res, eventBatchSchema, (b) => store.addEvents(b.events)).catch(failed);
    req.resume();
    if (req.method === 'GET') {
      const budgetOf = team('/v1/budgets/');
      if (budgetOf !== undefined) {
        return underFaults(res, false, () => {
          const budget = store.budget(budgetOf);
          return budget ? { status: 200, body: JSON.stringify(budget) } : { status: 404, body: problemBody(`no budget for team ${JSON.stringify(budgetOf)}`) };
        });
      }
    }
    switch (route) {
      case 'GET /admin/faults':
        return sendJson(res, 200, JSON.stringify(faults));
      case 'PUT /admin/faults':
        return void putSettings(req, res, (patch) => mergeLedgerFaults(faults, patch), (f) => (faults = f)).catch(failed);
      case 'GET /admin/summary':
        return sendJson(res, 200, JSON.stringify(store.summary()));
      case 'GET /admin/debits':
        return sendJson(res, 200, JSON.stringify({ debits: store.debits() }));
      case 'GET /admin/events':
        return sendJson(res, 200, JSON.stringify({ events: store.events() }));
      case 'POST /admin/reset':
        reset();
        return sendJson(res, 200, '{"reset":true}');
    }
    const budgetFor = req.method === 'PUT' ? team('/admin/budgets/') : undefined;
    if (budgetFor !== undefined) return void putBudget(req, res, budgetFor).catch(failed);
    sendProblem(res, 404, `no route for ${route}`);
  });
  const port = await listenLocal(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFaults(patch) {
      const merged = mergeLedgerFaults(faults, patch);
      if (!merged.ok) throw new InvalidSettings('ledger faults', merged.issues);
      faults = merged.faults;
    },
    faults: () => ({ ...faults }),
    summary: () => store.summary(),
    debits: () => store.debits(),
    events: () => store.events(),
    setBudget: (team, limitUsd) => store.setBudget(team, limitUsd),
    reset,
    close: () => closeServer(server, timers),
  };
}

interface Answer {
  status: number;
  body: string;
}
