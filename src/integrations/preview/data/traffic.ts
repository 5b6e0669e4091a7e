/**
 * The shape of the synthetic traffic over time: a slow wave, so lines are not flat, and an
 * incident over the last quarter of the preview window in which failures and latency rise,
 * so burn rates climb past their page tiers and the burn-rate alerts fire. Deterministic:
 * the same window gives the same numbers. The incident is strong (most requests stall,
 * failures are 40 times as frequent, the target is down for three minutes) so that even a 95%
 * objective's burn-rate alerts go pending. The data covers only the window and an hour before
 * it, so the 30d error budgets are spent over those hours: most end the window overspent.
 */

/** Label values that name a failure: these series stay rare, and grow in the incident. */
const FAILURE = /^5\d\d$|error|fail|timeout|timed_out|denied|reject|block|drop|refus|exhaust|abort|cancel|unavailable|overflow|throttl|^open$|^miss/i;
/** Client errors: rarer than successes, steady through the incident. */
const CLIENT_ERROR = /^4\d\d$|^limit/i;

/** How often a label value occurs relative to a success (1). */
export function valueWeight(value: string): number {
  if (FAILURE.test(value)) return 0.0005;
  if (CLIENT_ERROR.test(value)) return 0.01;
  return 1;
}

/** Whether a label value names a failure. */
export function isFailure(value: string): boolean {
  return FAILURE.test(value);
}

/** A stable number in [0, 1) from a string: each series gets its own level and phase. */
export function unitHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/** The synthetic timeline: where the incident is, and the wave every rate follows. */
export class Traffic {
  readonly incidentFrom: number;

  /** `window` is [from, to] in unix seconds: the incident covers its last third. */
  constructor(readonly window: { from: number; to: number }) {
    this.incidentFrom = window.to - (window.to - window.from) / 3;
  }

  inIncident(t: number): boolean {
    return t >= this.incidentFrom;
  }

  /** Traffic level at `t` for a series with `phase` in [0, 1): 0.7 to 1.3 over about 40 minutes. */
  wave(t: number, phase: number): number {
    return 1 + 0.3 * Math.sin((2 * Math.PI * t) / 2400 + phase * 2 * Math.PI);
  }

  /** How much more often failures happen at `t`: 40 times during the incident. */
  failureFactor(t: number): number {
    return this.inIncident(t) ? 40 : 1;
  }

  /** The share of observations that take longer than the largest bucket at `t`: most, in the incident. */
  stalled(t: number): number {
    return this.inIncident(t) ? 0.8 : 0;
  }

  /** Whether the target is down at `t` (`up` is 0): three minutes, five into the incident. */
  down(t: number): boolean {
    return t >= this.incidentFrom + 300 && t < this.incidentFrom + 480;
  }
}
