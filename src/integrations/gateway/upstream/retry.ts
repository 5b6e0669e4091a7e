/**
 * Seconds from a `retry-after` header: either delay-seconds or an HTTP date. Missing or
 * unparseable values give undefined, never NaN.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/**
 * How long to wait before retry number `retry` (1 for the first retry): the provider's
 * retry-after when it gave one, else exponential backoff with full jitter. Returns undefined
 * when the wait is longer than `maxDelayMs`: then the request should fall back, not wait.
 */
export function retryDelayMs(retry: number, settings: { baseDelayMs: number; maxDelayMs: number }, retryAfterSeconds?: number, random = Math.random): number | undefined {
  if (retryAfterSeconds !== undefined) {
    const wait = retryAfterSeconds * 1000;
    return wait <= settings.maxDelayMs ? wait : undefined;
  }
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.round(random() * ceiling);
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
  });
}
