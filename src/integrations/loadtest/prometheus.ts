import path from 'node:path';
import { startServer } from './server.js';

/** The Debian package's binary; LOOKOUT_PROMETHEUS overrides it. */
export function prometheusBinary(): string {
  return process.env.LOOKOUT_PROMETHEUS || 'prometheus';
}

/** What `/api/v1/query` answers for an instant vector. */
export interface VectorResult {
  resultType: 'vector';
  result: Array<{ metric: Record<string, string>; value: [number, string] }>;
}

/** An instant query's vector at `atMs` (Unix ms; now when left out). */
export function instantVector(prometheus: Pick<RunningPrometheus, 'api'>, expr: string, atMs?: number): Promise<VectorResult> {
  const time = atMs === undefined ? '' : `&time=${atMs / 1000}`;
  return prometheus.api<VectorResult>(`/api/v1/query?query=${encodeURIComponent(expr)}${time}`);
}

/** The value of an instant query's first series: 0 when it has none or is not a finite number. */
export async function instantValue(prometheus: Pick<RunningPrometheus, 'api'>, expr: string, atMs?: number): Promise<number> {
  const v = Number((await instantVector(prometheus, expr, atMs)).result[0]?.value[1] ?? 0);
  return Number.isFinite(v) ? v : 0;
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
