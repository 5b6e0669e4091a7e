/**
 * Calls `probe` every `everyMs` until it gives something other than `undefined` or `false`,
 * and returns that; fails after `timeoutMs` naming `what`. The one wait of the live tests.
 * @example
 * const alert = await pollFor('the page to reach Alertmanager', WAIT.live, async () => (await alerts()).find(isPage));
 */
export async function pollFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false> | T | undefined | false, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
