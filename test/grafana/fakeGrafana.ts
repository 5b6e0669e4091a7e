/**
 * A loopback Grafana that implements the documented HTTP API contract lookout's push relies on
 * (no Grafana server can be installed here):
 * - bearer tokens with a role: Admin and Editor may write, Viewer may only read; an unknown
 *   token or none is 401, an expired one 401 with its own message;
 * - GET /api/folders (limit, page), GET /api/folders/:uid (404 when unknown), POST /api/folders
 *   ({uid, title}; 409 when the uid or title is taken, 400 on a bad uid or empty title);
 * - POST /api/dashboards/db ({dashboard, folderUid, overwrite, message}): 404 for an unknown
 *   folderUid, 400 for an empty title or a uid Grafana rejects, and without overwrite 412
 *   `version-mismatch` when the stored version differs from the one sent and 412 `name-exists`
 *   when another dashboard in the folder has the same title; each save bumps the version;
 * - any other /api path is 404 {"message":"Not found"}; with a sub-path (root_url
 *   https://host/grafana/) a path outside it gets a proxy's HTML 404 page.
 * Tests can queue canned answers (a 500, a 502 page) and make it hang to exercise timeouts.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { grafanaPushCommand, type GrafanaPushOptions } from '../../src/cli/grafana.js';
import { DEFAULT_DASHBOARD_DIR } from '../../src/cli/defaults.js';
import { DEFAULT_MESSAGE } from '../../src/integrations/grafana/pushDefaults.js';

/** A token's role; `expired` answers 401 with Grafana's expiry message. */
export type Role = 'Admin' | 'Editor' | 'Viewer' | 'expired';

/** A saved dashboard as the fake keeps it. */
export interface StoredDashboard {
  id: number;
  uid: string;
  title: string;
  folderUid: string;
  version: number;
  message: string;
  model: Record<string, unknown>;
}

/** A folder as the fake keeps it. */
export interface StoredFolder {
  id: number;
  uid: string;
  title: string;
}

/** One request as the fake saw it; `auth` is `Bearer …` or undefined, kept only to assert on. */
export interface SeenRequest {
  method: string;
  path: string;
  auth?: string;
  body?: unknown;
}

interface Canned {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

const UID = /^[a-zA-Z0-9_-]*$/;

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A fake Grafana on 127.0.0.1 at a port the kernel picks; `url` includes the sub-path if any. */
export class FakeGrafana {
  readonly folders = new Map<string, StoredFolder>();
  readonly dashboards = new Map<string, StoredDashboard>();
  readonly requests: SeenRequest[] = [];
  /** When true, requests are read but never answered. */
  hang = false;
  private readonly canned: Canned[] = [];
  private nextId = 1;
  private server!: Server;
  url = '';

  constructor(
    readonly tokens: Record<string, Role>,
    readonly subPath = '',
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}${this.subPath}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next request gets this answer instead of the contract's (a 500, a proxy's 502 page). */
  answerNext(status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.canned.push({ status, body: text, contentType: typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json', headers });
  }

  /** Stores a dashboard as if someone had saved it in Grafana's UI. */
  seedDashboard(d: { uid: string; title: string; folderUid?: string; version?: number }): void {
    this.dashboards.set(d.uid, {
      id: this.nextId++,
      uid: d.uid,
      title: d.title,
      folderUid: d.folderUid ?? '',
      version: d.version ?? 1,
      message: 'saved in the UI',
      model: { uid: d.uid, title: d.title },
    });
  }

  seedFolder(uid: string, title: string): void {
    this.folders.set(uid, { id: this.nextId++, uid, title });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}), ...(body === undefined ? {} : { body }) });
    if (this.hang) return;
    const canned = this.canned.shift();
    if (canned) {
      res.writeHead(canned.status, { 'content-type': canned.contentType, ...canned.headers });
      res.end(canned.body);
      return;
    }
    if (!url.pathname.startsWith(`${this.subPath}/`)) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>');
      return;
    }
    const route = url.pathname.slice(this.subPath.length);
    if (!route.startsWith('/api/')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><head><title>Grafana</title></head><body>app</body></html>');
      return;
    }

    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    const role = token === undefined ? undefined : this.tokens[token];
    if (!role) return this.send(res, 401, { message: token === undefined ? 'Unauthorized' : 'Invalid API key', traceID: '' });
    if (role === 'expired') return this.send(res, 401, { message: 'API key has expired', traceID: '' });
    const canWrite = role === 'Admin' || role === 'Editor';

    if (req.method === 'GET' && route === '/api/folders') {
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = [...this.folders.values()].sort((a, b) => a.title.localeCompare(b.title));
      return this.send(res, 200, all.slice((page - 1) * limit, page * limit).map((f) => ({ id: f.id, uid: f.uid, title: f.title })));
    }
    const folderByUid = /^\/api\/folders\/([^/]+)$/.exec(route);
    if (req.method === 'GET' && folderByUid) {
      const f = this.folders.get(decodeURIComponent(folderByUid[1]!));
      return f ? this.send(res, 200, { ...f, url: `${this.subPath}/dashboards/f/${f.uid}/${slug(f.title)}`, version: 1 }) : this.send(res, 404, { message: 'folder not found', status: 'not-found' });
    }
    if (req.method === 'POST' && route === '/api/folders') {
      if (!canWrite) return this.send(res, 403, { message: "You'll need additional permissions to perform this action. Permissions needed: folders:create" });
      const b = (body ?? {}) as { uid?: unknown; title?: unknown };
      if (typeof b.title !== 'string' || b.title.trim() === '') return this.send(res, 400, { message: 'folder title cannot be empty' });
      const uid = typeof b.uid === 'string' && b.uid ? b.uid : `f${this.nextId}`;
      if (uid.length > 40 || !UID.test(uid)) return this.send(res, 400, { message: 'uid contains illegal characters or is too long' });
      if (this.folders.has(uid)) return this.send(res, 409, { message: 'a folder with the same uid already exists' });
      if ([...this.folders.values()].some((f) => f.title.toLowerCase() === b.title!.toString().toLowerCase())) {
        return this.send(res, 409, { message: 'a folder or dashboard in the general folder with the same name already exists' });
      }
      const folder = { id: this.nextId++, uid, title: b.title };
      this.folders.set(uid, folder);
      return this.send(res, 200, { ...folder, url: `${this.subPath}/dashboards/f/${uid}/${slug(folder.title)}`, version: 1 });
    }
    if (req.method === 'POST' && route === '/api/dashboards/db') return this.saveDashboard(res, body, canWrite);
    return this.send(res, 404, { message: 'Not found' });
  }

  private saveDashboard(res: ServerResponse, body: unknown, canWrite: boolean): void {
    if (!body || typeof body !== 'object') return this.send(res, 400, { message: 'bad request data' });
    const b = body as { dashboard?: Record<string, unknown>; folderUid?: unknown; overwrite?: unknown; message?: unknown };
    const d = b.dashboard;
    if (!d || typeof d !== 'object') return this.send(res, 400, { message: 'bad request data' });
    if (!canWrite) return this.send(res, 403, { message: 'Access denied to save dashboard' });
    const title = typeof d.title === 'string' ? d.title.trim() : '';
    if (!title) return this.send(res, 400, { message: 'Dashboard title cannot be empty', status: 'empty-name' });
    const uid = typeof d.uid === 'string' && d.uid ? d.uid : `d${this.nextId}`;
    if (!UID.test(uid)) return this.send(res, 400, { message: 'uid contains illegal characters', status: 'invalid-uid' });
    if (uid.length > 40) return this.send(res, 400, { message: 'uid too long, max 40 characters', status: 'uid-too-long' });
    const folderUid = typeof b.folderUid === 'string' ? b.folderUid : '';
    if (folderUid && !this.folders.has(folderUid)) return this.send(res, 404, { message: 'folder not found', status: 'not-found' });
    const overwrite = b.overwrite === true;

    const existing = this.dashboards.get(uid);
    const sentVersion = typeof d.version === 'number' ? d.version : 0;
    if (existing && !overwrite && existing.version !== sentVersion) {
      return this.send(res, 412, { message: 'The dashboard has been changed by someone else', status: 'version-mismatch' });
    }
    const clash = [...this.dashboards.values()].find((o) => o.uid !== uid && o.folderUid === folderUid && o.title.toLowerCase() === title.toLowerCase());
    if (clash) {
      if (!overwrite) return this.send(res, 412, { message: 'A dashboard with the same name in the folder already exists', status: 'name-exists' });
      this.dashboards.delete(clash.uid);
    }
    const saved: StoredDashboard = {
      id: existing?.id ?? this.nextId++,
      uid,
      title,
      folderUid,
      version: (existing?.version ?? 0) + 1,
      message: typeof b.message === 'string' ? b.message : '',
      model: { ...d, uid, id: existing?.id ?? null },
    };
    this.dashboards.set(uid, saved);
    this.send(res, 200, { id: saved.id, uid, url: `${this.subPath}/d/${uid}/${slug(title)}`, status: 'success', version: saved.version, slug: slug(title), folderUid });
  }
}

/** Starts a fake Grafana with the given tokens (token → role), optionally under a sub-path such as `/grafana`. */
export function startFakeGrafana(tokens: Record<string, Role>, subPath = ''): Promise<FakeGrafana> {
  return new FakeGrafana(tokens, subPath).start();
}

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/grafana/push');

/** Fixture dashboards shaped as the foundation SDK builds them, by uid. */
export const FIXTURE_UIDS = ['lookout-fixture-cost', 'lookout-fixture-reliability', 'lookout-fixture-streaming'];

/** A throwaway project for one push: generated/grafana/dashboards and a token file. */
export interface PushWorkspace {
  project: string;
  dir: string;
  tokenFile: string;
  remove(): void;
}

/**
 * Scaffolding for the push tests: a temporary project holding the fixture dashboards plus
 * `extra` fixture files (paths under test/fixtures/grafana/push), and a token file holding
 * `token` followed by a newline, as an editor leaves it.
 */
export function pushWorkspace(options: { token?: string; extra?: string[]; fixtures?: boolean } = {}): PushWorkspace {
  const project = mkdtempSync(path.join(tmpdir(), 'lookout-push-'));
  const dir = path.join(project, 'generated/grafana/dashboards');
  mkdirSync(dir, { recursive: true });
  const files = [...(options.fixtures === false ? [] : FIXTURE_UIDS.map((u) => `dashboards/${u}.json`)), ...(options.extra ?? [])];
  for (const f of files) copyFileSync(path.join(FIXTURES, f), path.join(dir, path.basename(f)));
  const tokenFile = path.join(project, '.grafana-token');
  if (options.token !== undefined) writeFileSync(tokenFile, `${options.token}\n`);
  return { project, dir, tokenFile, remove: () => rmSync(project, { recursive: true, force: true }) };
}

/** A fixture dashboard as stored in its file. */
export function fixtureDashboard(uid: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'dashboards', `${uid}.json`), 'utf8')) as Record<string, unknown>;
}

/** What one in-process `lookout grafana push` printed, and its exit code. */
export interface PushRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `lookout grafana push` in this process against `url`, with the CLI's defaults for what is not given. */
export async function runPush(ws: PushWorkspace, options: Partial<GrafanaPushOptions> & { url: string }): Promise<PushRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await grafanaPushCommand(
    { tokenFile: ws.tokenFile, project: ws.project, dir: DEFAULT_DASHBOARD_DIR, message: DEFAULT_MESSAGE, overwrite: true, timeout: '10', ...options },
    { out: (l) => out.push(l), err: (l) => err.push(l) },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
