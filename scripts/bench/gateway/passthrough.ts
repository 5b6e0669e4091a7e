import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

export interface Passthrough {
  readonly url: string;
  close(): Promise<void>;
}

/** Request headers a proxy must carry over for the provider to answer the same. */
const FORWARDED = ['content-type', 'authorization', 'accept', 'x-request-id'] as const;

/**
 * The least a proxy can do: a bare node:http server that reads each request body, sends it to
 * `upstream` over an undici Pool with the same method, path and auth, and writes the status,
 * content-type and body back. No parsing, no checks, no metrics: the floor the gateway's cost
 * is judged against, since any proxy pays for one more HTTP hop in and out.
 */
export async function startPassthrough(o: { upstream: string; port?: number; connections?: number }): Promise<Passthrough> {
  const pool = new Pool(o.upstream, { connections: o.connections ?? 256, keepAliveTimeout: 30_000 });
  const forward = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    try {
      const answer = await pool.request({ path: req.url ?? '/', method: req.method as 'POST', headers, body: body.length > 0 ? body : undefined });
      const payload = Buffer.from(await answer.body.arrayBuffer());
      const type = answer.headers['content-type'];
      res.writeHead(answer.statusCode, { 'content-type': typeof type === 'string' ? type : 'application/octet-stream', 'content-length': payload.length });
      res.end(payload);
    } catch {
      if (!res.headersSent) res.writeHead(502, { 'content-length': 0 });
      res.end();
    }
  };
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void forward(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  });
  server.listen(o.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.close();
    },
  };
}
