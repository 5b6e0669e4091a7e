import type { Dispatcher } from 'undici';

/** The one request every target gets: the same bytes, headers and path, so only the server differs. */
export interface BenchRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Every answer and failure of a load run, tallied. */
export interface Tally {
  ok: number;
  errors: number;
  /** Non-200 statuses and transport error codes, by how often they came. */
  failures: Record<string, number>;
}

export const BENCH_KEY = 'sk-lookout-search';

/** A small non-streaming chat completion: no e-mail address or secret, so guardrails screen it and let it through. */
export function chatRequest(key = BENCH_KEY, model = 'gpt-4o'): BenchRequest {
  return {
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Summarise in two sentences why alert rules belong in version control.' }] }),
  };
}

export function emptyTally(): Tally {
  return { ok: 0, errors: 0, failures: {} };
}

/**
 * Sends `r` once and reads the whole answer; resolves to true for a 200, tallying anything
 * else, and never rejects: a load run counts its errors instead of stopping at the first.
 */
export async function sendOnce(dispatcher: Dispatcher, r: BenchRequest, tally: Tally): Promise<boolean> {
  let reason: string;
  try {
    const res = await dispatcher.request({ path: r.path, method: 'POST', headers: r.headers, body: r.body });
    // dump() reads to the end (destroying only past the limit, far above a completion's size).
    await res.body.dump({ limit: 1 << 20 });
    if (res.statusCode === 200) {
      tally.ok++;
      return true;
    }
    reason = String(res.statusCode);
  } catch (e) {
    reason = (e as { code?: string }).code ?? (e as Error).message;
  }
  tally.errors++;
  tally.failures[reason] = (tally.failures[reason] ?? 0) + 1;
  return false;
}
