import type { ServerResponse } from 'node:http';
import type { Runtime } from '../runtime.js';

/** `GET /v1/models`: the configured client-facing model names, in OpenAI's list shape. */
export function sendModels(res: ServerResponse, runtime: Runtime, headers: Record<string, string>): void {
  const created = Math.floor(Date.now() / 1000);
  const data = [...runtime.models.keys()].map((id) => ({ id, object: 'model', created, owned_by: 'lookout-gateway' }));
  const body = JSON.stringify({ object: 'list', data });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
