import os from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A progress line on stderr, stamped with the seconds since the script started. */
export function progressLog(started = Date.now()): (msg: string) => void {
  return (msg) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
}

/** Writes a benchmark's figures as JSON, creating the folder, and says where. */
export function writeResult(file: string, result: unknown, log: (msg: string) => void): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${path.relative(process.cwd(), file)}`);
}

export interface BenchScript {
  main(): Promise<void>;
  /** Stops what the script started; runs on every way out, once. */
  cleanup(): Promise<void>;
  /** The last resort when cleanup hangs after Ctrl-C. */
  kill(): void;
  /** Said on Ctrl-C: what cleanup is about to do. */
  stopping: string;
  graceMs: number;
}

/**
 * Runs a benchmark script: its servers are stopped on success, on failure and on SIGINT or
 * SIGTERM (killed if stopping takes longer than `graceMs`); a failure sets exit code 1.
 */
export async function runBench(script: BenchScript): Promise<void> {
  let interrupted = false;
  let cleaned: Promise<void> | undefined;
  const cleanup = () => (cleaned ??= script.cleanup());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: ${script.stopping}`);
      void cleanup().finally(() => process.exit(130));
      setTimeout(() => {
        script.kill();
        process.exit(130);
      }, script.graceMs).unref();
    });
  }
  try {
    await script.main();
  } catch (e) {
    if (!interrupted) console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

/** The machine a benchmark ran on, as its result file records it; `loadStart` is the 1-minute load average when it began. */
export function machineInfo(loadStart: number) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: { start: loadStart, end: os.loadavg()[0]! },
  };
}
