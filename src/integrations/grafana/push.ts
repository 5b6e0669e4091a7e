/**
 * `lookout grafana push`: sends the generated dashboard JSON to a Grafana through its HTTP API
 * (find or create the folder, then POST /api/dashboards/db per dashboard with overwrite and a
 * version message). Input problems are diagnostics found before anything is sent; Grafana's
 * answers come back as data, each failure explained by pushExplain.ts.
 */
import path from 'node:path';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { findOrCreateFolder, folderUid, type Folder } from './folders.js';
import { GrafanaClient, parseGrafanaUrl } from './grafanaApi.js';
import { explainFailure, type ExplainContext, type Explanation } from './pushExplain.js';
import { DASHBOARDS_DIR, readDashboardFiles, type DashboardFile } from './pushFiles.js';
import { readTokenFile } from './pushToken.js';
import { DEFAULT_MESSAGE, DEFAULT_TIMEOUT_MS } from './pushDefaults.js';


/** What to push where; the CLI's options, with paths resolved against `project`. */
export interface PushOptions {
  /** Grafana's root address, with any sub-path: `https://host/grafana`. */
  url: string;
  /** A file holding only the service account token. */
  tokenFile: string;
  /** The folder title; the dashboards go to the root level when it is absent. */
  folder?: string;
  /** The project folder; `dir` and printed file names are relative to it. */
  project: string;
  /** The dashboards folder, relative to the project. */
  dir: string;
  /** Saved with each new dashboard version, shown in Grafana's version history. */
  message?: string;
  /** Send `overwrite: true` (the default): replace a dashboard with the same uid, or the same title in the folder. */
  overwrite?: boolean;
  timeoutMs?: number;
}

/** What became of one dashboard. */
export type DashboardOutcome =
  | {
      kind: 'pushed';
      dashboard: DashboardFile;
      /** Grafana's answer: `status` ("success"), the new `version`, the dashboard's `url`, and the uid it kept. */
      status: string;
      version?: number;
      url?: string;
      uid: string;
    }
  | { kind: 'failed'; dashboard: DashboardFile; explanation: Explanation }
  | { kind: 'not-sent'; dashboard: DashboardFile; reason: string };

/** Everything a push found and did, for the CLI to print and a caller to inspect. */
export interface PushReport {
  /** `usage`: nothing could be sent (bad URL, token file or dashboards folder); `failed`: something was not pushed. */
  status: 'ok' | 'failed' | 'usage';
  diagnostics: Diagnostic[];
  folder?: Folder;
  /** Why the folder could not be found or created; no dashboard is sent then. */
  folderFailure?: Explanation;
  outcomes: DashboardOutcome[];
}

/** Called as the push goes, so a long push shows progress line by line. */
export interface PushProgress {
  /** Before anything is sent: the dashboards to send, in order, and the problems found in the files. */
  checked?(dashboards: readonly DashboardFile[], diagnostics: readonly Diagnostic[]): void;
  folder?(folder: Folder): void;
  outcome?(outcome: DashboardOutcome): void;
}

function usage(code: string, file: string | undefined, field: string, message: string, hint: string): Diagnostic {
  return { code, severity: 'error', ...(file ? { file } : {}), path: field, message, hint };
}

interface SaveAnswer {
  status?: unknown;
  version?: unknown;
  url?: unknown;
  uid?: unknown;
}

/**
 * Pushes every dashboard in `dir` to the Grafana at `url`.
 *
 * @example
 * const report = await pushDashboards({ url: 'http://localhost:3000', tokenFile: '.grafana-token', folder: 'Lookout', project: '.' });
 * if (report.status !== 'ok') process.exitCode = 1;
 */
export async function pushDashboards(options: PushOptions, progress: PushProgress = {}): Promise<PushReport> {
  const project = path.resolve(options.project);
  const display = (file: string) => {
    const rel = path.relative(project, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  };
  const overwrite = options.overwrite ?? true;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const diagnostics: Diagnostic[] = [];

  const parsed = parseGrafanaUrl(options.url);
  if ('problem' in parsed) diagnostics.push(usage('grafana/url', undefined, '--url', parsed.problem, parsed.hint));
  const token = readTokenFile(options.tokenFile);
  if (!token.ok) diagnostics.push(usage('grafana/token-file', options.tokenFile, '--token-file', token.problem, token.hint));
  if (options.folder !== undefined && options.folder.trim() === '') {
    diagnostics.push(usage('grafana/folder', undefined, '--folder', 'the folder name is empty', 'give a folder title, or leave --folder out to push to the root level'));
  }
  const files = readDashboardFiles(path.resolve(project, options.dir), display);
  const dirFailed = files.diagnostics.some((d) => d.code === DASHBOARDS_DIR);
  diagnostics.push(...files.diagnostics);
  if ('problem' in parsed || !token.ok || dirFailed || diagnostics.some((d) => d.code === 'grafana/folder')) {
    return { status: 'usage', diagnostics, outcomes: [] };
  }
  if (files.dashboards.length === 0) return { status: 'failed', diagnostics, outcomes: [] };

  progress.checked?.(files.dashboards, diagnostics);
  const client = new GrafanaClient({ url: parsed.url, token: token.token, timeoutMs });
  const context = (action: ExplainContext['action'], extra: Partial<ExplainContext> = {}): ExplainContext => ({
    action,
    url: options.url,
    tokenFile: options.tokenFile,
    timeoutMs,
    overwrite,
    ...extra,
  });
  try {
    let folder: Folder | undefined;
    if (options.folder !== undefined) {
      const found = await findOrCreateFolder(client, options.folder);
      if (!found.ok) {
        const folderFailure = explainFailure(found.failure, context(found.action, { folder: { title: options.folder, uid: folderUid(options.folder) } }));
        const reason = `the folder "${options.folder}" could not be found or created`;
        const outcomes = files.dashboards.map((dashboard): DashboardOutcome => ({ kind: 'not-sent', dashboard, reason }));
        return { status: 'failed', diagnostics, folderFailure, outcomes };
      }
      folder = found.folder;
      progress.folder?.(folder);
    }

    const outcomes: DashboardOutcome[] = [];
    let stopped: string | undefined;
    for (const dashboard of files.dashboards) {
      let outcome: DashboardOutcome;
      if (stopped) {
        outcome = { kind: 'not-sent', dashboard, reason: stopped };
      } else {
        const answer = await client.post<SaveAnswer>('api/dashboards/db', {
          dashboard: { ...dashboard.model, id: null },
          ...(folder ? { folderUid: folder.uid } : {}),
          overwrite,
          message: options.message ?? DEFAULT_MESSAGE,
        });
        if (answer.ok) {
          const b = answer.body ?? {};
          outcome = {
            kind: 'pushed',
            dashboard,
            status: typeof b.status === 'string' ? b.status : 'success',
            ...(typeof b.version === 'number' ? { version: b.version } : {}),
            ...(typeof b.url === 'string' && b.url ? { url: client.link(b.url) } : {}),
            uid: typeof b.uid === 'string' && b.uid ? b.uid : dashboard.uid,
          };
        } else {
          const explanation = explainFailure(answer.failure, context('save-dashboard', { folder, dashboard: { uid: dashboard.uid, title: dashboard.title } }));
          outcome = { kind: 'failed', dashboard, explanation };
          if (explanation.fatal) stopped = `not sent after the ${explanation.status} above: it would fail the same way`;
        }
      }
      outcomes.push(outcome);
      progress.outcome?.(outcome);
    }
    const allPushed = outcomes.every((o) => o.kind === 'pushed') && files.diagnostics.length === 0;
    return { status: allPushed ? 'ok' : 'failed', diagnostics, ...(folder ? { folder } : {}), outcomes };
  } finally {
    await client.close();
  }
}
