import type { ServerResponse } from 'node:http';

/** Writes a complete answer with its length: every non-streamed answer of the gateway goes through here. */
export function sendBody(res: ServerResponse, status: number, body: string, headers: Record<string, string | number> = {}, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
