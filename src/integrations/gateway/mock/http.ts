import http from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeIssues, type FieldIssue } from './fieldIssues.js';

// Shared by the mock provider and the ledger. Deliberately separate from src/integrations/gateway/http: a
// test double that reused the gateway's own body reader would share its bugs instead of
// exposing them.

/**
 * Reads a whole request body. Resolves `undefined` when it passes `maxBytes`; the rest is
 * drained and dropped so that the connection stays usable for the 413.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let more: Buffer[] | undefined;
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return;
      if (first === undefined) first = chunk;
      else (more ??= [first]).push(chunk);
    });
    req.once('end', () => {
      if (size > maxBytes) resolve(undefined);
      else if (more) resolve(Buffer.concat(more, size).toString('utf8'));
      else resolve(first ? first.toString('utf8') : '');
    });
    req.once('error', reject);
  });
}

/** Parses JSON without throwing: `undefined` stands for "not JSON" (JSON itself has no undefined). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, status: number, body: string, headers?: Record<string, string | number>): void {
  const all: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (headers) Object.assign(all, headers);
  res.writeHead(status, all).end(body);
}

/** The error shape of lookout's own fakes' admin and ledger routes, each problem with the field it is about. */
export function problemBody(message: string, issues?: readonly FieldIssue[]): string {
  return JSON.stringify(issues ? { error: { message, issues } } : { error: { message } });
}

export function sendProblem(res: ServerResponse, status: number, message: string, issues?: readonly FieldIssue[]): void {
  sendJson(res, status, problemBody(message, issues));
}

/**
 * setTimeout whose pending timers `clear()` cancels at once, so that closing a server with
 * slow responses in flight does not keep the process alive until their delays run out.
 */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  after(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, ms);
    this.pending.add(timer);
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}

export function createLocalServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
  // noDelay: streamed chunks are small writes that Nagle would otherwise hold back.
  // A long keep-alive: when the server closes an idle socket just as the client reuses it, the
  // client sees a reset that no fault asked for, which would blur a benchmark's error counts.
  return http.createServer({ noDelay: true, keepAliveTimeout: 65_000 }, handler);
}

/** Listens on 127.0.0.1 only; port 0 lets the kernel pick, which is what tests should do. */
export function listenLocal(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Stops listening and destroys every connection, the held ones included (a "timeout" or "hang"
 * fault never answers, so waiting for connections to drain would wait forever).
 */
export function closeServer(server: Server, timers: Timers): Promise<void> {
  timers.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The request's path, without its query. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** For a handler that threw: a 500 if nothing was sent yet, else the connection is cut. */
export function failureHandler(res: ServerResponse): (e: unknown) => void {
  return (e) => {
    if (!res.headersSent && !isGone(res)) sendProblem(res, 500, e instanceof Error ? e.message : String(e));
    else res.destroy();
  };
}

/**
 * `PUT` of fault settings: the JSON body goes through `merge`, which validates and merges it
 * into the current settings. Answers 400 naming each bad field (nothing changed), or 200 with
 * the settings now in force.
 */
export async function putSettings<T>(
  req: IncomingMessage,
  res: ServerResponse,
  merge: (patch: unknown) => { ok: true; faults: T } | { ok: false; issues: FieldIssue[] },
  apply: (settings: T) => void,
): Promise<void> {
  const text = await readBody(req, 1024 * 1024);
  const patch = text === undefined ? undefined : parseJson(text);
  if (patch === undefined) return sendProblem(res, 400, 'the body must be a JSON object of fault settings');
  const merged = merge(patch);
  if (!merged.ok) return sendProblem(res, 400, describeIssues(merged.issues), merged.issues);
  apply(merged.faults);
  sendJson(res, 200, JSON.stringify(merged.faults));
}

/** Whether the client is gone, so that a delayed write can be skipped. */
export function isGone(res: ServerResponse): boolean {
  return res.destroyed || res.socket === null || res.socket.destroyed;
}
