import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidSettings } from '../../src/integrations/gateway/mock/fieldIssues.js';
import type { AuditEvent, Debit } from '../../src/integrations/gateway/ledger/records.js';
import { startLedger, type Ledger } from '../../src/integrations/gateway/ledger/server.js';

const REPO = path.resolve(import.meta.dirname, '../..');

function debit(id: string, usd: number, team = 'search'): Debit {
  return { id, team, key: 'search-prod', provider: 'provider-a', model: 'gpt-4o', inputTokens: 100, outputTokens: 20, usd, at: '2026-01-01T00:00:00.000Z' };
}

function auditEvent(id: string): AuditEvent {
  return { id, type: 'audit', at: '2026-01-01T00:00:00.000Z', requestId: `req-${id}`, team: 'search', key: 'search-prod', model: 'gpt-4o', provider: 'provider-a', status: 200, stream: false, durationMs: 12 };
}

async function send(ledger: Ledger, method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown, signal?: AbortSignal) {
  const res = await request(`${ledger.url}${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

describe('the ledger', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await startLedger({ budgets: { search: 1, support: 50 } });
  });
  afterAll(() => ledger.close());
  afterEach(() => ledger.reset());

  it('accepts a batch of debits and never counts a retried batch twice', async () => {
    const batch = { debits: [debit('d1', 0.1), debit('d2', 0.2), debit('d3', 0.5, 'support')] };
    expect(await send(ledger, 'POST', '/v1/debits', batch)).toEqual({ status: 200, body: { accepted: 3, duplicates: 0 } });
    expect(await send(ledger, 'POST', '/v1/debits', batch)).toEqual({ status: 200, body: { accepted: 0, duplicates: 3 } });
    expect(await send(ledger, 'POST', '/v1/debits', { debits: [debit('d3', 0.5, 'support'), debit('d4', 0.25, 'support')] })).toEqual({ status: 200, body: { accepted: 1, duplicates: 1 } });
    // Summed exactly: 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
    expect((await send(ledger, 'GET', '/admin/summary')).body).toEqual({ debits: 4, events: 0, usdByTeam: { search: 0.3, support: 0.75 }, duplicates: 4, rejectedBatches: 0 });
    expect(ledger.debits().map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4']);
  });

  it('accepts audit events idempotently by id', async () => {
    expect((await send(ledger, 'POST', '/v1/events', { events: [auditEvent('e1'), auditEvent('e1'), auditEvent('e2')] })).body).toEqual({ accepted: 2, duplicates: 1 });
    expect((await send(ledger, 'POST', '/v1/events', { events: [{ ...auditEvent('e3'), inputTokens: 5, outputTokens: 7, usd: 0.01, policyVerdicts: { 'pii-email': 'redact' } }] })).body).toEqual({ accepted: 1, duplicates: 0 });
    expect(ledger.events().map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(ledger.summary()).toMatchObject({ events: 3, duplicates: 1 });
  });

  it("answers a team's budget with what its accepted debits spent, and 404 for a team without one", async () => {
    await send(ledger, 'POST', '/v1/debits', { debits: [debit('d1', 0.4), debit('d2', 0.8)] });
    expect(await send(ledger, 'GET', '/v1/budgets/search')).toEqual({ status: 200, body: { team: 'search', limitUsd: 1, spentUsd: 1.2, remainingUsd: -0.2 } });
    expect((await send(ledger, 'GET', '/v1/budgets/support')).body).toEqual({ team: 'support', limitUsd: 50, spentUsd: 0, remainingUsd: 50 });
    expect((await send(ledger, 'GET', '/v1/budgets/finance')).status).toBe(404);
    ledger.setBudget('finance', 10);
    expect((await send(ledger, 'GET', '/v1/budgets/finance')).body).toMatchObject({ limitUsd: 10, remainingUsd: 10 });
    expect((await send(ledger, 'PUT', '/admin/budgets/finance', { limitUsd: 20 })).body).toMatchObject({ limitUsd: 20 });
    expect((await send(ledger, 'PUT', '/admin/budgets/finance', { limitUsd: 'lots' })).status).toBe(400);
  });

  it('refuses a malformed batch whole with a 400 naming the field, and counts it as rejected', async () => {
    const res = await send(ledger, 'POST', '/v1/debits', { debits: [debit('ok', 1), { ...debit('bad', 1), usd: -1 }] });
    expect(res.status).toBe(400);
    expect(res.body!.error.issues).toEqual([{ path: 'debits.1.usd', message: expect.any(String) }]);
    expect(ledger.summary()).toMatchObject({ debits: 0, rejectedBatches: 1 });
    expect((await send(ledger, 'POST', '/v1/debits', { debit: [] })).body!.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['debit', 'debits']);
  });

  it('refuses audit events that carry a field outside the contract, such as prompt text', async () => {
    const res = await send(ledger, 'POST', '/v1/events', { events: [{ ...auditEvent('e1'), prompt: 'my card number is …' }] });
    expect(res.status).toBe(400);
    expect(res.body!.error.issues).toEqual([{ path: 'events.0.prompt', message: 'unknown field "prompt"' }]);
  });

  it('refuses a debit whose key looks like a secret API key rather than a key id', async () => {
    const res = await send(ledger, 'POST', '/v1/debits', { debits: [{ ...debit('d1', 1), key: 'sk-lookout-search' }] });
    expect(res.status).toBe(400);
    expect(res.body!.error.issues[0]).toMatchObject({ path: 'debits.0.key', message: expect.stringContaining('secret') });
  });

  it('forgets records and restores its start budgets on POST /admin/reset', async () => {
    await send(ledger, 'POST', '/v1/debits', { debits: [debit('d1', 0.5)] });
    ledger.setBudget('search', 99);
    expect((await send(ledger, 'POST', '/admin/reset')).status).toBe(200);
    expect(ledger.summary()).toEqual({ debits: 0, events: 0, usdByTeam: {}, duplicates: 0, rejectedBatches: 0 });
    expect((await send(ledger, 'GET', '/v1/budgets/search')).body).toMatchObject({ limitUsd: 1, spentUsd: 0 });
    // The id is free again after a reset.
    expect((await send(ledger, 'POST', '/v1/debits', { debits: [debit('d1', 0.5)] })).body).toEqual({ accepted: 1, duplicates: 0 });
  });
});

describe('ledger faults', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    ledger = await startLedger({ budgets: { search: 10 } });
  });
  afterAll(() => ledger.close());
  afterEach(() => ledger.reset());

  it('answers 503 to writes and reads while down, and records nothing until it is up again', async () => {
    expect((await send(ledger, 'PUT', '/admin/faults', { mode: 'down' })).body).toEqual({ mode: 'down', latencyMs: 0 });
    expect((await send(ledger, 'POST', '/v1/debits', { debits: [debit('d1', 1)] })).status).toBe(503);
    expect((await send(ledger, 'GET', '/v1/budgets/search')).status).toBe(503);
    // Admin routes answer whatever the mode.
    expect((await send(ledger, 'GET', '/admin/summary')).body).toMatchObject({ debits: 0 });
    ledger.setFaults({ mode: 'up' });
    expect((await send(ledger, 'POST', '/v1/debits', { debits: [debit('d1', 1)] })).body).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('answers 400 to every write in reject mode, counting each rejected batch, and still answers reads', async () => {
    ledger.setFaults({ mode: 'reject' });
    expect((await send(ledger, 'POST', '/v1/debits', { debits: [debit('d1', 1)] })).status).toBe(400);
    expect((await send(ledger, 'POST', '/v1/events', { events: [auditEvent('e1')] })).status).toBe(400);
    expect((await send(ledger, 'GET', '/v1/budgets/search')).status).toBe(200);
    expect(ledger.summary()).toMatchObject({ debits: 0, events: 0, rejectedBatches: 2 });
  });

  it('never answers in hang mode, and close() still ends the held requests', async () => {
    const own = await startLedger({ faults: { mode: 'hang' } });
    let settled = false;
    const held = send(own, 'POST', '/v1/debits', { debits: [debit('d1', 1)] }).finally(() => (settled = true));
    const givenUp = await send(own, 'GET', '/v1/budgets/search', undefined, AbortSignal.timeout(300)).catch((e: Error) => e);
    expect(givenUp).toBeInstanceOf(Error);
    expect(settled).toBe(false);
    await own.close();
    await expect(held).rejects.toThrow();
    expect(own.summary().debits).toBe(0);
  });

  it('resets the connection without an answer in reset mode', async () => {
    ledger.setFaults({ mode: 'reset' });
    const error = await send(ledger, 'POST', '/v1/debits', { debits: [debit('d1', 1)] }).catch((e: unknown) => e as { code?: string });
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain((error as { code?: string }).code);
  });

  it('records a batch at once but acknowledges it only after the latency, so a timed-out retry is a duplicate', async () => {
    ledger.setFaults({ latencyMs: 400 });
    const batch = { debits: [debit('d1', 1)] };
    const firstTry = await send(ledger, 'POST', '/v1/debits', batch, AbortSignal.timeout(100)).catch((e: Error) => e);
    expect(firstTry).toBeInstanceOf(Error);
    ledger.setFaults({ latencyMs: 0 });
    expect((await send(ledger, 'POST', '/v1/debits', batch)).body).toEqual({ accepted: 0, duplicates: 1 });
    expect(ledger.summary().usdByTeam).toEqual({ search: 1 });
  });

  it('refuses bad fault settings with a 400 naming the field, over HTTP and in process', async () => {
    const res = await send(ledger, 'PUT', '/admin/faults', { mode: 'sideways', latencyMs: -1 });
    expect(res.status).toBe(400);
    expect(res.body!.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['latencyMs', 'mode']);
    expect(() => ledger.setFaults({ mode: 'sideways' as 'up' })).toThrow(InvalidSettings);
    expect((await send(ledger, 'GET', '/admin/faults')).body).toEqual({ mode: 'up', latencyMs: 0 });
  });
});

describe('the ledger as its own process', () => {
  it('prints its URL when ready, takes debits against its start budgets, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/integrations/gateway/ledger/main.ts', '--budgets', '{"search":5}'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const ready = JSON.parse(line) as { event: string; url: string; port: number };
      expect(ready).toMatchObject({ event: 'listening', pid: child.pid });
      const remote = { url: ready.url } as Ledger;
      await send(remote, 'POST', '/v1/debits', { debits: [debit('d1', 2)] });
      expect((await send(remote, 'GET', '/v1/budgets/search')).body).toEqual({ team: 'search', limitUsd: 5, spentUsd: 2, remainingUsd: 3 });
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
