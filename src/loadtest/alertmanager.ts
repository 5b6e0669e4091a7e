import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { freePort, waitForReady } from './ports.js';

/** The Debian package's binary; LOOKOUT_ALERTMANAGER overrides it. */
export function alertmanagerBinary(): string {
  return process.env.LOOKOUT_ALERTMANAGER || 'prometheus-alertmanager';
}

export interface RunningAlertmanager {
  url: string;
  /** Posts alerts as Prometheus does (API v2), labels and optional annotations each. */
  post(alerts: ReadonlyArray<{ labels: Record<string, string>; annotations?: Record<string, string> }>): Promise<void>;
  /** Alerts as Alertmanager holds them, with their inhibition state. */
  alerts(): Promise<AlertmanagerAlert[]>;
  stop(): Promise<void>;
}

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[]; silencedBy: string[] };
}

/**
 * Starts the real Alertmanager on 127.0.0.1, on a port picked now, with `config` (YAML text),
 * its own data folder and no cluster gossip. `stop` kills it by pid and removes the folder.
 */
export async function startAlertmanager(config: string): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-alertmanager-'));
  const configFile = path.join(dir, 'alertmanager.yml');
  writeFileSync(configFile, config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ResultPromise = execa(
    alertmanagerBinary(),
    [`--config.file=${configFile}`, `--storage.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    { reject: false, all: true, stdin: 'ignore' },
  );
  let exited = false;
  void child.then(() => (exited = true));
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await child;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForReady(`${url}/-/ready`, 15_000, () => !exited);
  } catch (e) {
    const output = (await stop().then(() => child)).all ?? '';
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${String(output).slice(-2000)}`);
  }
  return {
    url,
    async post(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts.map((a) => ({ labels: a.labels, annotations: a.annotations ?? {}, startsAt: new Date().toISOString() }))),
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
