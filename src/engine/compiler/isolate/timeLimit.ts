/** How long one piece of the project's code may run when nothing says otherwise. */
export const DEFAULT_TIME_LIMIT_S = 60;

/**
 * The one time limit on the project's code, in milliseconds: importing one module, running
 * one stage's callbacks, rendering the runbooks, synthesizing one alert's tests. It is the
 * environment's `LOOKOUT_TIMEOUT` (seconds, fractions allowed) when set, else DEFAULT_TIME_LIMIT_S: far above
 * what any of these takes (the repository's slowest alert synthesizes in a few seconds), so
 * that only code that never ends reaches it.
 */
export function timeLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.LOOKOUT_TIMEOUT;
  if (set === undefined || set.trim() === '') return DEFAULT_TIME_LIMIT_S * 1000;
  const seconds = Number(set);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new TimeLimitError(`LOOKOUT_TIMEOUT must be a number of seconds above 0, not "${set}"`);
  return Math.round(seconds * 1000);
}

export class TimeLimitError extends Error {}

/** `12.5 s`, `60 s`: the limit as a message says it. */
export function formatLimit(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
