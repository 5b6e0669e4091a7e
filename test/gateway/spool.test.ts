import { appendFile, chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Spool } from '../../src/integrations/gateway/governance/spool.js';
import type { AuditEvent, Debit } from '../../src/integrations/gateway/ledger/records.js';
import type { LogFields, Logger, LogLevel } from '../../src/integrations/gateway/log.js';

const at = '2026-01-01T00:00:00.000Z';
const debit = (id: string, usd = 0.01): Debit => ({ id, team: 'search', key: 'search-prod', provider: 'provider-a', model: 'gpt-4o', inputTokens: 10, outputTokens: 20, usd, at });
const event = (id: string): AuditEvent => ({ id, type: 'audit', at, requestId: id, team: 'search', key: 'search-prod', model: 'gpt-4o', provider: 'provider-a', status: 200, stream: false, durationMs: 3 });

describe('the spool: the debits and audit events a shutdown hands to the next start', () => {
  let dir: string;
  let file: string;
  let logged: { level: LogLevel; msg: string; fields: LogFields }[];
  const logger: Logger = { log: (level, msg, fields = {}) => logged.push({ level, msg, fields }) };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-spool-'));
    file = path.join(dir, 'spool.jsonl');
    logged = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives back what was appended, across appends, and moves the file aside until released', async () => {
    const spool = new Spool(file, logger);
    await spool.append({ debits: [debit('a'), debit('b')], events: [event('a')] });
    await spool.append({ debits: [debit('c')], events: [] });
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(5);

    const claimed = await spool.claim();
    expect(claimed.debits.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(claimed.events).toEqual([event('a')]);
    // Claimed, the records live in the aside file only: the spool itself is free for new ones.
    expect(await readdir(dir)).toEqual([path.basename(claimed.files[0]!)]);
    await spool.release(claimed.files);
    expect(await readdir(dir)).toEqual([]);
    expect((await spool.claim()).files).toEqual([]);
  });

  it('replays a claim that was never released (the gateway was killed while replaying) along with the new spool, each id once', async () => {
    const spool = new Spool(file, logger);
    await spool.append({ debits: [debit('a'), debit('b')], events: [event('a')] });
    const first = await spool.claim();
    // The run that claimed them hands over what it has not delivered, then dies before releasing.
    await spool.append({ debits: [debit('b'), debit('c')], events: [event('b')] });

    const second = await spool.claim();
    expect(second.files).toHaveLength(2);
    expect(second.files[0]).toBe(first.files[0]);
    expect(second.debits.map((d) => d.id).sort()).toEqual(['a', 'b', 'c']);
    expect(second.events.map((e) => e.id).sort()).toEqual(['a', 'b']);
  });

  it('skips a torn last line (a crash mid-write) and lines that are not records, with a warning, and keeps the rest', async () => {
    const spool = new Spool(file, logger);
    await spool.append({ debits: [debit('a')], events: [event('a')] });
    await appendFile(file, '{"debit":{"id":"x"}}\nnot json\n{"debit":{"id":"b","team":"se');

    const claimed = await spool.claim();
    expect(claimed.debits.map((d) => d.id)).toEqual(['a']);
    expect(claimed.events.map((e) => e.id)).toEqual(['a']);
    const warnings = logged.filter((l) => l.level === 'warn');
    expect(warnings.map((w) => w.msg)).toEqual([expect.stringMatching(/torn last line/), expect.stringMatching(/not debits or audit events/)]);
    expect(warnings[0]!.fields).toMatchObject({ line: 5 });
    expect(warnings[1]!.fields).toMatchObject({ lines: 2, firstLine: 3 });
  });

  it('refuses a spool in a folder it cannot write to, naming the setting', async () => {
    const missing = new Spool(path.join(dir, 'no-such-folder', 'spool.jsonl'), logger);
    await expect(missing.claim()).rejects.toThrow(/ledger\.spoolFile: cannot write to the folder .*no-such-folder/);
    if (process.getuid?.() === 0) return; // root writes anywhere
    await chmod(dir, 0o500);
    try {
      await expect(new Spool(file, logger).claim()).rejects.toThrow(/ledger\.spoolFile: cannot write/);
    } finally {
      await chmod(dir, 0o700);
    }
  });
});
