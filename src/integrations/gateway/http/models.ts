import type { ServerResponse } from 'node:http';
import type { Runtime } from '../runtime.js';
import { sendBody } from './send.js';

/** `GET /v1/models`: the configured client-facing model names, in OpenAI's list shape. */
export function sendModels(res: ServerResponse, runtime: Runtime, headers: Record<string, string>): void {
  const created = Math.floor(Date.now() / 1000);
  const data = [...runtime.models.keys()].map((id) => ({ id, object: 'model', created, owned_by: 'lookout-gateway' }));
  sendBody(res, 200, JSON.stringify({ object: 'list', data }), headers);
}
