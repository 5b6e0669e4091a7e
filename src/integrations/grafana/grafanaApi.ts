/**
 * A small client for Grafana's HTTP API (the `/api/...` endpoints documented under "HTTP API
 * reference"). It never throws for a refused connection or an error answer: every call returns
 * either Grafana's JSON or a `GrafanaFailure` that pushExplain.ts turns into words a user can act on.
 */
import { Agent, request } from 'undici';

/** Why a call did not give the JSON it asked for. */
export type GrafanaFailure =
  /** Grafana (or a proxy in front of it) answered, with a status other than 2xx. */
  | {
      kind: 'http';
      status: number;
      /** Grafana's own `message` field (or the messages of a 422 field list), when the body is JSON. */
      grafanaMessage?: string;
      /** Grafana's `status` field: `version-mismatch`, `name-exists`, `plugin-dashboard` on a 412. */
      grafanaStatus?: string;
      traceId?: string;
      /** The `Location` header of a redirect. */
      location?: string;
      /** The start of a body that was not JSON (a proxy's HTML page), for the user to recognise. */
      bodyStart?: string;
    }
  /** A 2xx answer whose body is not JSON: something other than Grafana's API answered. */
  | { kind: 'not-json'; status: number; contentType: string; bodyStart: string }
  /** No answer at all: refused, unresolvable, reset, TLS, or nothing within the timeout. */
  | { kind: 'transport'; code: string; detail: string };

/** Grafana's JSON on a 2xx answer, or why there is none. */
export type GrafanaResult<T> = { ok: true; status: number; body: T } | { ok: false; failure: GrafanaFailure };

/**
 * `--url` checked: http or https, no user:password in it (the token file is the one credential),
 * and a trailing slash on the path so that a Grafana served under a sub-path
 * (`https://host/grafana`) keeps it when `api/...` is resolved against it.
 */
export function parseGrafanaUrl(raw: string): { url: URL } | { problem: string; hint: string } {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim())) {
    return { problem: `"${raw}" does not start with http:// or https://`, hint: 'give Grafana\'s address with its scheme, such as --url http://localhost:3000' };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: `"${raw}" is not a URL`, hint: 'give Grafana\'s address with its scheme, such as --url http://localhost:3000' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: `"${raw}" uses ${url.protocol.replace(/:$/, '')}; Grafana's HTTP API needs http or https`, hint: 'such as --url https://grafana.example.com' };
  }
  if (url.username || url.password) {
    return { problem: 'the URL holds a user name or password', hint: 'drop them from --url: lookout authenticates with the token in --token-file only' };
  }
  if (url.search || url.hash) {
    return { problem: `"${raw}" has a query or fragment`, hint: 'give only Grafana\'s root address, such as --url https://grafana.example.com/grafana' };
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { url };
}

const BODY_START = 200;

/** The first characters of a body, on one line, for a message. */
function start(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_START ? `${flat.slice(0, BODY_START)}…` : flat;
}

/** Grafana's error body is `{message, status?, traceID?}`; an old 422 is a list of `{fieldNames, message}`. */
function grafanaFields(body: unknown): { grafanaMessage?: string; grafanaStatus?: string; traceId?: string } {
  if (Array.isArray(body)) {
    const messages = body
      .map((e) => (e && typeof e === 'object' ? e as Record<string, unknown> : {}))
      .map((e) => [Array.isArray(e.fieldNames) ? e.fieldNames.join(', ') : '', typeof e.message === 'string' ? e.message : ''].filter(Boolean).join(': '))
      .filter(Boolean);
    return messages.length > 0 ? { grafanaMessage: messages.join('; ') } : {};
  }
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? start(v) : undefined);
  return { grafanaMessage: text(b.message) ?? text(b.error), grafanaStatus: text(b.status), traceId: text(b.traceID) ?? text(b.traceId) };
}

/** The error code of a failed connection: undici puts it on the error, Node's net on its cause. */
function transportCode(e: unknown): { code: string; detail: string } {
  const err = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
  const nested = (err.cause ?? (Array.isArray(err.errors) ? err.errors[0] : undefined)) as { code?: unknown; message?: unknown } | undefined;
  const code =
    (typeof err.code === 'string' && err.code) ||
    (typeof nested?.code === 'string' && nested.code) ||
    (err.name === 'TimeoutError' || err.name === 'AbortError' ? 'TIMEOUT' : 'UNKNOWN');
  const message = typeof err.message === 'string' && err.message ? err.message : typeof nested?.message === 'string' ? nested.message : String(e);
  return { code, detail: start(message) };
}

/** Talks to one Grafana with one bearer token; every call gives up after `timeoutMs`. */
export class GrafanaClient {
  readonly base: URL;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly agent: Agent;

  constructor(options: { url: URL; token: string; timeoutMs: number }) {
    this.base = options.url;
    this.token = options.token;
    this.timeoutMs = options.timeoutMs;
    this.agent = new Agent({ connectTimeout: options.timeoutMs, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  }

  /** The absolute URL of an API path (`api/folders`), under the sub-path of `--url`. */
  endpoint(apiPath: string): URL {
    return new URL(apiPath.replace(/^\//, ''), this.base);
  }

  /** A path Grafana answered with (`/d/uid/slug`, which already holds the sub-path) as a full URL. */
  link(grafanaPath: string): string {
    return /^https?:\/\//.test(grafanaPath) ? grafanaPath : new URL(grafanaPath, this.base.origin).toString();
  }

  get<T>(apiPath: string, query: Record<string, string | number> = {}): Promise<GrafanaResult<T>> {
    const url = this.endpoint(apiPath);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    return this.call<T>('GET', url);
  }

  post<T>(apiPath: string, body: unknown): Promise<GrafanaResult<T>> {
    return this.call<T>('POST', this.endpoint(apiPath), JSON.stringify(body));
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async call<T>(method: 'GET' | 'POST', url: URL, body?: string): Promise<GrafanaResult<T>> {
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await request(url, {
        method,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (e) {
      return { ok: false, failure: { kind: 'transport', ...transportCode(e) } };
    }
    let json: unknown;
    let isJson = true;
    try {
      json = JSON.parse(text);
    } catch {
      isJson = false;
    }
    const contentType = String(headers['content-type'] ?? '');
    if (status >= 200 && status < 300) {
      if (!isJson) return { ok: false, failure: { kind: 'not-json', status, contentType, bodyStart: start(text) } };
      return { ok: true, status, body: json as T };
    }
    const location = typeof headers.location === 'string' ? headers.location : undefined;
    return {
      ok: false,
      failure: {
        kind: 'http',
        status,
        ...(isJson ? grafanaFields(json) : { bodyStart: start(text) }),
        ...(location ? { location } : {}),
      },
    };
  }
}
