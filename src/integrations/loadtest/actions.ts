import { request } from 'undici';
import type { Action } from './scenario.js';
import type { LoadStack } from './stack.js';
import type { TrafficDriver } from './traffic.js';

async function putJson(url: string, body: unknown): Promise<void> {
  const res = await request(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`PUT ${url} answered ${res.statusCode}: ${text}`);
}

/**
 * Applies one action to the running stack through the same doors an operator has: the mock's
 * and the ledger's `PUT /admin/faults`, and a signal to a replica's pid; or changes the traffic.
 */
export async function applyAction(stack: LoadStack, traffic: TrafficDriver, action: Action): Promise<void> {
  switch (action.kind) {
    case 'provider-faults':
      return putJson(`${stack.providers[action.provider].url}/admin/faults`, action.faults);
    case 'ledger-faults':
      return putJson(`${stack.ledger.url}/admin/faults`, action.faults);
    case 'kill-replica':
      return stack.replicas[action.replica]!.kill();
    case 'traffic':
      return traffic.change(action.change);
  }
}
