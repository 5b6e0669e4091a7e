import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleChat, type Services } from './chat/handler.js';
import { ConnectionCap } from './http/connectionCap.js';
import { GatewayError, sendError } from './http/errors.js';
import { sendModels } from './http/models.js';
import { sendBody } from './http/send.js';
import { trackConnections } from './listener.js';
import type { InFlight } from './inFlight.js';
import type { Runtime } from './runtime.js';

/** What the router needs from the gateway at the moment a request arrives. */
export interface RouterState {
  runtime(): Runtime;
  readonly services: Services;
  draining(): boolean;
  /** True once a drain has closed the listener: every answer says `connection: close`. */
  closing(): boolean;
  /** False until the config is applied and the ledger queues run, and again once draining. */
  ready(): boolean;
  /** Serves /metrics here (false when an admin listener serves it). */
  readonly metricsHere: boolean;
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Requests being handled right now, accounting included, for the drain to wait on. */
  readonly active: InFlight;
}

// The response in progress on each socket, for the clientError handler.
const answering = new WeakMap<Socket, ServerResponse>();

/** Paths served on a connection over the cap: probes and scrapes are cheap, and most needed in an overload. */
const SERVED_OVER_CAP = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The gateway's HTTP listener. Every answer is JSON (OpenAI's error shape for failures),
 * including those for requests Node's parser rejects or times out before any handler runs.
 * The headers timeout is set from the `server` config at start; the connection cap and the
 * body limits are read per connection and request, so a reload changes them.
 */
export function createGatewayServer(state: RouterState): { server: Server; connections: ReadonlySet<Socket> } {
  const { headersTimeoutMs, bodyTimeoutMs } = state.runtime().config.server;
  const server = createServer(
    {
      keepAliveTimeout: 65_000,
      headersTimeout: headersTimeoutMs,
      // A backstop for bodies no handler reads (Node discards what follows an early answer).
      // The chat handler times out the bodies it reads itself, with an answer it counts.
      requestTimeout: headersTimeoutMs + bodyTimeoutMs,
      // Node checks both every 30 s by default: a 30 s timeout could take a minute.
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(Math.min(headersTimeoutMs, bodyTimeoutMs) / 4))),
      maxHeaderSize: 32 * 1024,
    },
    (req, res) => {
      state.active.start();
      answering.set(req.socket, res);
      void route(req, res, state, cap)
        .catch((e: unknown) => {
          state.services.logger.log('error', 'unhandled error in router', { error: e instanceof Error ? e.message : String(e) });
          sendError(res, new GatewayError(500, 'server_error', 'the gateway failed to process the request', 'internal_error'));
        })
        .finally(() => state.active.end());
    },
  );
  // Tracked before the cap looks at a new connection, so the cap counts it; the drain ends the last ones.
  const connections = trackConnections(server);
  const cap = new ConnectionCap(server, connections, () => state.runtime().config.server.maxConnections, state.services.logger);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // A handler that already started its answer on this socket keeps it; a second one would corrupt it.
    if (!socket.writable || answering.get(socket)?.headersSent) return socket.destroy();
    // Closed once the answer is out, as Node does: a client too slow to finish its request
    // could otherwise hold the half-open connection for ever.
    socket.write(parserRefusal(err.code));
    socket.destroySoon();
  });
  return { server, connections };
}

/**
 * Makes the answers being prepared on `sockets` say `connection: close`, for a drain that
 * closes the listener while they are in flight (an answer whose headers are out keeps its keep-alive).
 */
export function closeAfterAnswer(sockets: Iterable<Socket>): void {
  for (const socket of sockets) {
    const res = answering.get(socket);
    if (res && !res.headersSent) res.setHeader('connection', 'close');
  }
}

/** The raw answer to a request Node's parser refused or timed out before any handler ran. */
function parserRefusal(code: string | undefined): string {
  const [status, error] =
    code === 'HPE_HEADER_OVERFLOW'
      ? ['431 Request Header Fields Too Large', new GatewayError(400, 'invalid_request_error', 'the request headers are too large', 'bad_http_request')]
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['408 Request Timeout', new GatewayError(408, 'invalid_request_error', 'the request did not arrive in time', 'request_timeout')]
        : ['400 Bad Request', new GatewayError(400, 'invalid_request_error', 'the request is not valid HTTP', 'bad_http_request')];
  const body = error.body();
  return `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/** The admin listener: /metrics only, so scrapes never queue behind client traffic. */
export function createAdminServer(state: Pick<RouterState, 'metrics'>): Server {
  return createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/metrics' || req.url?.startsWith('/metrics?'))) return void serveMetrics(res, state);
    sendError(res, new GatewayError(404, 'invalid_request_error', 'the admin listener serves GET /metrics only', 'not_found'));
  });
}

async function route(req: IncomingMessage, res: ServerResponse, state: RouterState, cap: ConnectionCap): Promise<void> {
  if (state.closing()) res.setHeader('connection', 'close');
  const path = (req.url ?? '/').split('?', 1)[0]!;
  if (cap.refuses(req.socket) && !SERVED_OVER_CAP.has(path)) return overCap(res, path, state);
  const runtime = state.runtime();
  switch (path) {
    case '/v1/chat/completions':
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return handleChat(req, res, runtime, state.services);
    case '/v1/models':
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return models(req, res, runtime, state);
    case '/healthz':
      return json(res, 200, { status: 'ok' });
    case '/readyz':
      if (state.ready()) return json(res, 200, { status: 'ready' });
      return json(res, 503, { status: state.draining() ? 'draining' : 'starting' });
    case '/metrics':
      if (state.metricsHere && req.method === 'GET') return serveMetrics(res, state);
  }
  sendError(res, new GatewayError(404, 'invalid_request_error', `no route for ${req.method} ${String(path).slice(0, 200)}`, 'not_found'));
}

function models(req: IncomingMessage, res: ServerResponse, runtime: Runtime, state: RouterState): void {
  const { metrics } = state.services;
  const started = performance.now();
  const key = runtime.keys.authenticate(req.headers.authorization);
  const team = key ? runtime.teamLabel.of(key.team) : 'none';
  if (key) sendModels(res, runtime, {});
  else sendError(res, new GatewayError(401, 'invalid_request_error', 'missing or unknown API key: send "Authorization: Bearer <key>"', 'invalid_api_key'));
  metrics.requests.inc({ route: 'models', code: key ? '200' : '401', provider: 'none', model: 'none', team, stream: 'false' });
  const seconds = (performance.now() - started) / 1000;
  metrics.requestDuration.observe({ route: 'models', provider: 'none', model: 'none', stream: 'false' }, seconds);
  metrics.overhead.observe({ route: 'models' }, seconds);
}

async function serveMetrics(res: ServerResponse, state: Pick<RouterState, 'metrics'>): Promise<void> {
  const { contentType, body } = await state.metrics();
  sendBody(res, 200, body, {}, contentType);
}

/** A request on a connection over the cap: 503, counted on its route, and the connection closed. */
function overCap(res: ServerResponse, path: string, state: RouterState): void {
  const error = new GatewayError(503, 'server_error', 'the gateway is at its connection limit; retry on a new connection', 'too_many_connections', null, 1);
  sendError(res, error, { connection: 'close' });
  const route = path === '/v1/chat/completions' ? 'chat_completions' : path === '/v1/models' ? 'models' : undefined;
  if (route) state.services.metrics.requests.inc({ route, code: '503', provider: 'none', model: 'none', team: 'none', stream: 'false' });
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendBody(res, 405, new GatewayError(400, 'invalid_request_error', `method not allowed; use ${allow}`, 'method_not_allowed').body(), { allow });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  sendBody(res, status, JSON.stringify(value));
}
