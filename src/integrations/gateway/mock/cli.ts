import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A server that a CLI entry runs until it is told to stop. */
export interface Serving {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Runs `start` as its own process: parses the flags (plus `--port`), prints one JSON line
 * `{"event":"listening","url":…}` on stdout once ready (what a parent waits for instead of
 * polling), and closes on SIGTERM or SIGINT, exiting 0. Bad flags or settings exit 2 with the
 * reason on stderr.
 */
export async function serveFromCli<O extends NonNullable<ParseArgsConfig['options']>>(
  program: string,
  options: O,
  start: (flags: Record<string, string | boolean | undefined>, port: number) => Promise<Serving>,
  describe: (flags: Record<string, string | boolean | undefined>) => Record<string, unknown> = () => ({}),
): Promise<void> {
  let serving: Serving;
  let flags: Record<string, string | boolean | undefined>;
  try {
    flags = parseArgs({ options: { port: { type: 'string', default: '0' }, ...options }, strict: true }).values as Record<string, string | boolean | undefined>;
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port: expected a port number, got ${String(flags.port)}`);
    serving = await start(flags, port);
  } catch (e) {
    process.stderr.write(`${program}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify({ event: 'listening', ...describe(flags), url: serving.url, port: serving.port, pid: process.pid })}\n`);
  const stop = () => {
    void serving.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** A JSON-valued flag, parsed; the error names the flag. */
export function jsonFlag(value: string | boolean | undefined, flag: string): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch (e) {
    throw new Error(`--${flag}: not JSON (${(e as Error).message})`);
  }
}
