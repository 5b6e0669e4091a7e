import { Pool } from 'undici';
import { errorCode, isTimeout } from '../http/undiciErrors.js';

/** How a call to the ledger ended. */
export type LedgerAnswer = { kind: 'answered'; status: number; json: unknown } | { kind: 'transport' | 'timeout'; detail: string };

/**
 * The gateway's connection to its ledger (the control plane): budgets are read from it, and
 * debits and audit events are written to it, always off the request path except for live
 * budget checks.
 */
export class LedgerClient {
  private readonly pool: Pool;
  private readonly base: string;

  constructor(
    url: string,
    private readonly timeoutMs: number,
  ) {
    const parsed = new URL(url);
    this.base = parsed.pathname.replace(/\/+$/, '');
    this.pool = new Pool(parsed.origin, { connections: 8, keepAliveTimeout: 30_000 });
  }

  post(path: string, payload: unknown, timeoutMs = this.timeoutMs): Promise<LedgerAnswer> {
    return this.call('POST', path, JSON.stringify(payload), timeoutMs);
  }

  get(path: string, timeoutMs = this.timeoutMs): Promise<LedgerAnswer> {
    return this.call('GET', path, undefined, timeoutMs);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async call(method: 'GET' | 'POST', path: string, body: string | undefined, timeoutMs: number): Promise<LedgerAnswer> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await this.pool.request({
        path: this.base + path,
        method,
        body,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await response.body.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { kind: 'answered', status: response.statusCode, json };
    } catch (e) {
      if (signal.aborted || isTimeout(e)) return { kind: 'timeout', detail: `no answer within ${timeoutMs} ms` };
      return { kind: 'transport', detail: errorCode(e) ?? (e as Error).message };
    }
  }
}
