import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './server.js';

/** The Debian package's binary; LOOKOUT_ALERTMANAGER overrides it. */
export function alertmanagerBinary(): string {
  return process.env.LOOKOUT_ALERTMANAGER || 'prometheus-alertmanager';
}

export interface RunningAlertmanager {
  url: string;
  /**
   * Posts alerts as Prometheus does (API v2), labels and optional annotations each, and an end
   * (ISO time) when given: without one Alertmanager resolves an alert after its resolve_timeout.
   */
  post(alerts: ReadonlyArray<{ labels: Record<string, string>; annotations?: Record<string, string>; endsAt?: string }>): Promise<void>;
  /** Alerts as Alertmanager holds them, with their inhibition state. */
  alerts(): Promise<AlertmanagerAlert[]>;
  stop(): Promise<void>;
}

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[]; silencedBy: string[] };
}

/** Starts the real Alertmanager with `config` (YAML text), its own data folder and no cluster gossip. */
export async function startAlertmanager(config: string): Promise<RunningAlertmanager> {
  const server = await startServer({
    binary: alertmanagerBinary(),
    prepare: (dir) => writeFileSync(path.join(dir, 'alertmanager.yml'), config),
    args: (dir, listen) => [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=${listen}`,
      '--cluster.listen-address=',
    ],
    readyPath: '/-/ready',
    timeoutMs: 15_000,
  });
  const { url, stop } = server;
  return {
    url,
    async post(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts.map((a) => ({ labels: a.labels, annotations: a.annotations ?? {}, startsAt: new Date().toISOString(), ...(a.endsAt && { endsAt: a.endsAt }) }))),
      });
      if (!res.ok) throw new Error(`POST /api/v2/alerts answered ${res.status}: ${await res.text()}`);
    },
    async alerts() {
      const res = await fetch(`${url}/api/v2/alerts`);
      if (!res.ok) throw new Error(`GET /api/v2/alerts answered ${res.status}`);
      return (await res.json()) as AlertmanagerAlert[];
    },
    stop,
  };
}
