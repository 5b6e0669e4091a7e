/** Fields a log line may carry: identifiers, counts and outcomes. Never prompt text or secrets. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A structured logger writing one JSON object per line. */
export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
}

/** JSON lines on `stream` (stderr by default, so stdout stays free for the `listening` line). */
export function jsonLogger(stream: NodeJS.WritableStream = process.stderr, service = 'ai-gateway'): Logger {
  return {
    log(level, msg, fields = {}) {
      stream.write(`${JSON.stringify({ ts: new Date().toISOString(), level, service, msg, ...fields })}\n`);
    },
  };
}

/** Drops everything: tests and benchmarks that do not read logs. */
export const silentLogger: Logger = { log() {} };
