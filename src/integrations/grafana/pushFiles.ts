/**
 * The dashboard JSON files `lookout grafana push` sends, read and checked before anything goes
 * over the network: a file Grafana would reject, or one that would silently replace another
 * dashboard (same uid, or same title in the folder), is a diagnostic naming the file and field.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../library/diagnostics/diagnostic.js';
import { MAX_UID_LENGTH } from './folders.js';
import { parseJsonText } from './jsonText.js';

/** A dashboard model ready to send, with where it came from. */
export interface DashboardFile {
  /** As shown to the user: relative to the project when inside it. */
  file: string;
  uid: string;
  title: string;
  model: Record<string, unknown>;
}

/** Diagnostic code of a dashboard file that cannot be sent. */
export const DASHBOARD_FILE = 'grafana/dashboard-file';
/** Diagnostic code of a `--dir` that is missing, unreadable or empty. */
export const DASHBOARDS_DIR = 'grafana/dashboards-dir';

function problem(file: string, field: string, message: string, hint?: string, at?: { line: number; column: number }): Diagnostic {
  return { code: DASHBOARD_FILE, severity: 'error', file, ...(at ?? {}), path: field, message, ...(hint ? { hint } : {}) };
}

/** Checks one file's text: JSON, an object, a non-empty string uid of at most 40 characters, a title. */
export function checkDashboardText(file: string, text: string): { dashboard?: DashboardFile; diagnostics: Diagnostic[] } {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return { diagnostics: [problem(file, '', `not valid JSON: ${parsed.message}`, 'regenerate it with npm run generate; files under generated/ are not edited by hand', parsed.at)] };
  }
  const json = parsed.value;
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    const kind = Array.isArray(json) ? 'a list' : json === null ? 'null' : `a ${typeof json}`;
    return { diagnostics: [problem(file, '', `holds ${kind}, not a dashboard object`)] };
  }
  const model = json as Record<string, unknown>;
  const wrapped = model.dashboard && typeof model.dashboard === 'object' ? 'the file holds an API request or export ({"dashboard": {...}}); it should hold the dashboard model itself' : undefined;
  const diagnostics: Diagnostic[] = [];
  const { uid, title } = model;
  if (uid === undefined || uid === null) diagnostics.push(problem(file, 'uid', 'the dashboard has no uid', wrapped ?? 'a pushed dashboard needs a stable uid, or every push would create a new copy'));
  else if (typeof uid !== 'string') diagnostics.push(problem(file, 'uid', `uid is ${typeof uid}, not a string`));
  else if (uid.trim() === '') diagnostics.push(problem(file, 'uid', 'uid is empty'));
  else if (uid.length > MAX_UID_LENGTH) diagnostics.push(problem(file, 'uid', `uid "${uid}" is ${uid.length} characters long; Grafana allows at most ${MAX_UID_LENGTH}`));
  if (title === undefined || title === null) diagnostics.push(problem(file, 'title', 'the dashboard has no title', wrapped));
  else if (typeof title !== 'string') diagnostics.push(problem(file, 'title', `title is ${typeof title}, not a string`));
  else if (title.trim() === '') diagnostics.push(problem(file, 'title', 'title is empty', 'Grafana refuses a dashboard without a title'));
  if (model.panels !== undefined && !Array.isArray(model.panels)) diagnostics.push(problem(file, 'panels', `panels is ${typeof model.panels}, not a list`));
  if (diagnostics.length > 0) return { diagnostics };
  return { dashboard: { file, uid: uid as string, title: title as string, model }, diagnostics };
}

/**
 * Reads every `*.json` in `dir` (sorted by name, so the push order is stable), checks each, and
 * drops a later file that repeats an earlier one's uid or title: both would land in one folder
 * and the second would replace the first.
 */
export function readDashboardFiles(dir: string, display: (file: string) => string): { dashboards: DashboardFile[]; diagnostics: Diagnostic[] } {
  const shownDir = display(dir);
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) {
      return { dashboards: [], diagnostics: [{ code: DASHBOARDS_DIR, severity: 'error', file: shownDir, path: '--dir', message: 'is not a folder', hint: 'give --dir the folder that holds the dashboard JSON files' }] };
    }
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    const code = (e as { code?: string }).code;
    return {
      dashboards: [],
      diagnostics: [
        {
          code: DASHBOARDS_DIR,
          severity: 'error',
          file: shownDir,
          path: '--dir',
          message: code === 'ENOENT' ? 'the dashboards folder does not exist' : `the dashboards folder cannot be read (${code ?? 'unknown error'})`,
          hint: 'run npm run generate (it writes generated/grafana/dashboards), or point --dir at the dashboard JSON files',
        },
      ],
    };
  }
  if (names.length === 0) {
    return { dashboards: [], diagnostics: [{ code: DASHBOARDS_DIR, severity: 'error', file: shownDir, path: '--dir', message: 'holds no .json files, so there is nothing to push', hint: 'run npm run generate, or point --dir at the dashboard JSON files' }] };
  }
  const dashboards: DashboardFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const byUid = new Map<string, string>();
  const byTitle = new Map<string, string>();
  for (const name of names) {
    const full = path.join(dir, name);
    const file = display(full);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (e) {
      diagnostics.push(problem(file, '', `cannot be read (${(e as { code?: string }).code ?? 'unknown error'})`));
      continue;
    }
    const checked = checkDashboardText(file, text);
    diagnostics.push(...checked.diagnostics);
    const d = checked.dashboard;
    if (!d) continue;
    const sameUid = byUid.get(d.uid);
    const sameTitle = byTitle.get(d.title.toLowerCase());
    if (sameUid) {
      diagnostics.push(problem(file, 'uid', `uid "${d.uid}" is also the uid of ${sameUid}; it is not sent`, 'each dashboard needs its own uid, or the second push replaces the first'));
    } else if (sameTitle) {
      diagnostics.push(problem(file, 'title', `title "${d.title}" is also the title of ${sameTitle}; it is not sent`, 'Grafana keeps one dashboard per title in a folder: with overwrite the second would replace the first'));
    } else {
      byUid.set(d.uid, file);
      byTitle.set(d.title.toLowerCase(), file);
      dashboards.push(d);
    }
  }
  return { dashboards, diagnostics };
}
