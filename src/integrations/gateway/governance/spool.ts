import { access, constants, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.js';
import { auditEventSchema, debitSchema, type AuditEvent, type Debit } from '../ledger/records.js';

/** Records the ledger has not taken yet, in its own record shapes. */
export interface Spooled {
  readonly debits: readonly Debit[];
  readonly events: readonly AuditEvent[];
}

/** What a start read back: the records, and the files that hold them until they are delivered or spooled again. */
export interface Claimed extends Spooled {
  readonly files: readonly string[];
}

/**
 * The hand-over between one run of the gateway and the next: debits and audit events still
 * queued when a shutdown runs out of time (or the ledger is down) are appended here, one JSON
 * line each (`{"debit":{...}}` or `{"event":{...}}`), fsync'd; the next start claims them.
 *
 * Claiming renames the file aside (`FILE.<ms>-<pid>.replaying`) and reads it, and any aside file
 * an earlier start left (killed while replaying); the caller deletes them with `release` only
 * once their records are delivered or appended again. So a crash at any point loses nothing:
 * at worst a record is sent twice, which the ledger ignores by its id.
 */
export class Spool {
  constructor(
    readonly file: string,
    private readonly logger: Logger,
  ) {}

  /** Appends the records and fsyncs file and folder, so that they outlive this process and the machine. */
  async append(records: Spooled): Promise<void> {
    if (records.debits.length === 0 && records.events.length === 0) return;
    let text = '';
    for (const debit of records.debits) text += `${JSON.stringify({ debit })}\n`;
    for (const event of records.events) text += `${JSON.stringify({ event })}\n`;
    const handle = await open(this.file, 'a', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncFolder(path.dirname(this.file));
  }

  /** Moves the spool aside and reads back what it and every earlier unfinished replay hold, each id once. */
  async claim(): Promise<Claimed> {
    const folder = path.dirname(this.file);
    // Refuse to start with a spool that a shutdown could not write, rather than find out then.
    await access(folder, constants.W_OK).catch((e: NodeJS.ErrnoException) => {
      throw new Error(`ledger.spoolFile: cannot write to the folder ${folder} (${e.code ?? e.message})`);
    });
    try {
      await rename(this.file, `${this.file}.${Date.now()}-${process.pid}.replaying`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const prefix = `${path.basename(this.file)}.`;
    // Names carry the time of their claim (13 digits until the year 2286): sorted, oldest first.
    const files = (await readdir(folder))
      .filter((n) => n.startsWith(prefix) && n.endsWith('.replaying'))
      .sort()
      .map((n) => path.join(folder, n));
    const debits = new Map<string, Debit>();
    const events = new Map<string, AuditEvent>();
    for (const file of files) this.parse(file, await readFile(file, 'utf8'), debits, events);
    return { debits: [...debits.values()], events: [...events.values()], files };
  }

  /** Deletes claimed files whose records are all delivered or appended again. */
  async release(files: readonly string[]): Promise<void> {
    for (const file of files) await rm(file, { force: true });
  }

  private parse(file: string, text: string, debits: Map<string, Debit>, events: Map<string, AuditEvent>): void {
    const lines = text.split('\n');
    // A file ends with a newline; a last line without one was cut short by a crash mid-write.
    const torn = lines.pop() !== '';
    if (torn) this.logger.log('warn', 'skipped the torn last line of a spool file (the gateway stopped while writing it)', { file, line: lines.length + 1 });
    let skipped = 0;
    let first = 0;
    lines.forEach((line, i) => {
      if (line === '') return;
      const record = parseLine(line);
      if (record?.debit) debits.set(record.debit.id, record.debit);
      else if (record?.event) events.set(record.event.id, record.event);
      else if (++skipped === 1) first = i + 1;
    });
    if (skipped > 0) this.logger.log('warn', 'skipped spool lines that are not debits or audit events', { file, lines: skipped, firstLine: first });
  }
}

function parseLine(line: string): { debit?: Debit; event?: AuditEvent } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if ('debit' in value) {
    const parsed = debitSchema.safeParse(value.debit);
    return parsed.success ? { debit: parsed.data } : undefined;
  }
  if ('event' in value) {
    const parsed = auditEventSchema.safeParse(value.event);
    return parsed.success ? { event: parsed.data } : undefined;
  }
  return undefined;
}

/** A new file's name is only durable once its folder is synced too. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
