import path from 'node:path';
import { startServer } from './server.js';

/** The Debian package's binary; LOOKOUT_PROMETHEUS overrides it. */
export function prometheusBinary(): string {
  return process.env.LOOKOUT_PROMETHEUS || 'prometheus';
}

export interface RunningPrometheus {
  url: string;
  /** GET an API path (`/api/v1/rules`) and return its `data`, failing on a non-success answer. */
  api<T>(pathAndQuery: string): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the real Prometheus with `configFile` (its rule files resolve next to it) and a throwaway TSDB. */
export async function startPrometheus(configFile: string): Promise<RunningPrometheus> {
  const server = await startServer({
    binary: prometheusBinary(),
    args: (dir, listen) => [`--config.file=${configFile}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=${listen}`],
    readyPath: '/-/ready',
    timeoutMs: 30_000,
  });
  return {
    url: server.url,
    async api<T>(pathAndQuery: string): Promise<T> {
      const res = await fetch(`${server.url}${pathAndQuery}`);
      const body = (await res.json()) as { status: string; data: T; error?: string };
      if (!res.ok || body.status !== 'success') throw new Error(`GET ${pathAndQuery} answered ${res.status}: ${body.error ?? ''}`);
      return body.data;
    },
    stop: server.stop,
  };
}
