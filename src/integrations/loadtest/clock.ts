import type { Timers } from '../gateway/timers.js';

/**
 * The time source of the traffic driver: real time in a run, a clock a test moves by hand in a
 * test, so that "50 requests a second for one second" is exactly 50 requests whatever else the
 * machine is doing.
 */
export interface Clock extends Timers {
  /** Milliseconds on a monotonic clock, as performance.now(). */
  now(): number;
}

/** Real time; unlike the gateway's timers, the driver's keep the process alive while traffic runs. */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
