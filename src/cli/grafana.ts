import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, summarize } from '../library/diagnostics/format.js';
import type { Diagnostic } from '../library/diagnostics/diagnostic.js';
import type { Folder } from '../integrations/grafana/folders.js';
import type { DashboardOutcome } from '../integrations/grafana/push.js';
import { DEFAULT_MESSAGE, DEFAULT_TIMEOUT_MS } from '../integrations/grafana/pushDefaults.js';
import type { Explanation } from '../integrations/grafana/pushExplain.js';
import { EXIT } from './output.js';
import { DEFAULT_DASHBOARD_DIR } from './defaults.js';

/** Where the command's lines go: stdout and stderr, or a test's arrays. */
export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

const standard: Printer = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The options of `lookout grafana push` as commander parses them. */
export interface GrafanaPushOptions {
  url: string;
  tokenFile: string;
  folder?: string;
  dir: string;
  message: string;
  overwrite: boolean;
  /** Seconds, as typed. */
  timeout: string;
  project: string;
}

function explanationLines(prefix: string, e: Explanation): string[] {
  return [`${prefix}${e.status}: ${e.headline}`, ...(e.grafanaSaid ? [`  Grafana said: ${e.grafanaSaid}`] : []), `  hint: ${e.hint}`];
}

function folderLine(folder: Folder): string {
  const how = folder.how === 'created' ? 'created' : folder.how === 'found' ? 'found' : 'found by the uid lookout derives from --folder (it was renamed in Grafana)';
  return `folder "${folder.title}" (uid ${folder.uid}): ${how}${folder.url ? `  ${folder.url}` : ''}`;
}

function outcomeLines(o: DashboardOutcome, width: { uid: number; title: number }): { stream: 'out' | 'err'; lines: string[] } {
  const name = `${o.dashboard.uid.padEnd(width.uid)}  ${`"${o.dashboard.title}"`.padEnd(width.title + 2)}`;
  if (o.kind === 'pushed') {
    const version = o.version === undefined ? '' : `, version ${o.version}`;
    const kept = o.uid !== o.dashboard.uid ? `  (Grafana kept the uid ${o.uid} of the dashboard it replaced)` : '';
    return { stream: 'out', lines: [`pushed    ${name}  ${o.status}${version}${o.url ? `  ${o.url}` : ''}${kept}`] };
  }
  if (o.kind === 'failed') return { stream: 'err', lines: explanationLines(`FAILED    ${name}  `, o.explanation) };
  return { stream: 'err', lines: [`not sent  ${name}  ${o.reason}`] };
}

/** `lookout grafana push`: 0 when every dashboard was pushed, 1 when any was not, 2 when nothing could be sent (bad URL, token file or folder). */
export async function grafanaPushCommand(options: GrafanaPushOptions, print: Printer = standard): Promise<number> {
  const seconds = Number(options.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    print.err(`lookout grafana push: --timeout must be a number of seconds above 0, not "${options.timeout}"`);
    return EXIT.usage;
  }
  const color = print === standard && Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  let width = { uid: 0, title: 0 };
  let printed = false;
  const printDiagnostics = (diagnostics: readonly Diagnostic[]) => {
    if (printed) return;
    printed = true;
    for (const d of diagnostics) print.err(formatDiagnostic(d, { color }));
    if (diagnostics.length > 0) print.err(summarize(diagnostics));
  };
  // Loaded when the command runs, so that other commands start without it.
  const { pushDashboards } = await import('../integrations/grafana/push.js');
  const report = await pushDashboards(
    {
      url: options.url,
      tokenFile: options.tokenFile,
      ...(options.folder === undefined ? {} : { folder: options.folder }),
      project: options.project,
      dir: options.dir,
      message: options.message,
      overwrite: options.overwrite,
      timeoutMs: Math.round(seconds * 1000) || DEFAULT_TIMEOUT_MS,
    },
    {
      checked: (list, diagnostics) => {
        printDiagnostics(diagnostics);
        if (list.length > 0) width = { uid: Math.max(...list.map((d) => d.uid.length)), title: Math.max(...list.map((d) => d.title.length)) };
      },
      folder: (folder) => print.out(folderLine(folder)),
      outcome: (o) => {
        const { stream, lines } = outcomeLines(o, width);
        for (const line of lines) print[stream](line);
      },
    },
  );
  printDiagnostics(report.diagnostics);
  if (report.status === 'usage') {
    print.err('nothing was sent to Grafana.');
    return EXIT.usage;
  }
  if (report.folderFailure) {
    for (const line of explanationLines(`could not find or create the folder "${options.folder}": `, report.folderFailure)) print.err(line);
    for (const o of report.outcomes) for (const line of outcomeLines(o, width).lines) print.err(line);
  }
  const count = (kind: DashboardOutcome['kind']) => report.outcomes.filter((o) => o.kind === kind).length;
  const invalid = report.diagnostics.filter((d) => d.code === 'grafana/dashboard-file').map((d) => d.file);
  const skipped = new Set(invalid).size;
  const total = report.outcomes.length + skipped;
  const where = `${options.url}${report.folder ? ` in folder "${report.folder.title}"` : options.folder === undefined ? ' at the root level' : ''}`;
  const parts = [
    count('failed') > 0 ? `${count('failed')} failed` : '',
    count('not-sent') > 0 ? `${count('not-sent')} not sent` : '',
    skipped > 0 ? `${skipped} invalid file${skipped === 1 ? '' : 's'} not sent` : '',
  ].filter(Boolean);
  const summary = `${count('pushed')} of ${total} dashboard${total === 1 ? '' : 's'} pushed to ${where}${parts.length > 0 ? `; ${parts.join(', ')}` : ''}.`;
  if (report.status === 'ok') {
    print.out(summary);
    return EXIT.ok;
  }
  print.err(summary);
  return EXIT.problems;
}

/** Adds `lookout grafana push` to the program (as a subcommand, so it keeps the program's exit handling). */
export function registerGrafana(program: Command, projectOption: readonly [string, string, string]): void {
  const grafana = program.command('grafana').description('work with a Grafana server: push the generated dashboards');
  grafana
    .command('push')
    .description('create or update the generated dashboards in a Grafana through its HTTP API (POST /api/dashboards/db), in a folder found or created by title')
    .requiredOption('--url <url>', "Grafana's address, with any sub-path (https://host/grafana)")
    .requiredOption('--token-file <file>', 'a file holding only a Grafana service account token (Editor role)')
    .option('--folder <name>', 'the folder title; created when missing (default: the root level)')
    .option('--dir <dir>', 'the dashboard JSON files, relative to the project', DEFAULT_DASHBOARD_DIR)
    .option('--message <text>', "the version message Grafana records for each dashboard", DEFAULT_MESSAGE)
    .option('--no-overwrite', 'create only: Grafana refuses (412) to replace a dashboard that exists, or another with the same title in the folder')
    .option('--timeout <seconds>', 'give up on a request after this long', String(DEFAULT_TIMEOUT_MS / 1000))
    .option(...projectOption)
    .action(async (opts: Omit<GrafanaPushOptions, 'project'> & { project: string }) => {
      process.exitCode = await grafanaPushCommand({ ...opts, project: path.resolve(opts.project) });
    });
}
