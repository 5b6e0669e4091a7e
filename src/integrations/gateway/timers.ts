/**
 * Where the gateway's timed transitions get their timers: the global ones in a deployment, a
 * clock moved by hand in a test, so that "the circuit is still open" does not depend on how
 * fast the machine runs the test. Handles are opaque; the global ones are unref'd so that a
 * pending transition never keeps the process alive.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
