import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { readDashboardDir } from '../../src/integrations/grafana/dashboardFiles.js';
import { pushDashboards } from '../../src/integrations/grafana/push.js';
import { readDashboardFiles } from '../../src/integrations/grafana/pushFiles.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import { checkCases } from '../support/checkCases.js';

/**
 * One table per grafana/ code: the problems `lookout grafana push`, `lookout check-queries` and
 * `lookout preview` find in their options and dashboard files before anything is sent. Each
 * input is a folder of files written for the case; no Grafana is contacted.
 */

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding `files` (name → text). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-grafana-checks-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const dashboard = (fields: Record<string, unknown>) => JSON.stringify({ uid: 'shop-overview', title: 'Shop overview', panels: [], ...fields });
const SHOP = dashboard({});
/** SHOP on five lines, as a person writes it. */
const PRETTY = JSON.stringify(JSON.parse(SHOP), null, 2);
const ORDERS = dashboard({ uid: 'shop-orders', title: 'Shop orders' });

/** The diagnostics with their files named relative to `dir`: each case's folder is made afresh, under a name of its own. */
const within = (dir: string, diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => (d.file ? { ...d, file: path.relative(dir, d.file) } : d));

/** What `lookout check-queries` and `lookout preview` find reading a folder of dashboard files. */
const readForQueries = async (files: Record<string, string>) => {
  const dir = folder(files);
  return within(dir, (await readDashboardDir(dir)).diagnostics);
};

/** What `lookout grafana push` finds reading `files` as its --dir (names shown relative to the project, as push shows them). */
const readForPush = (files: Record<string, string> | 'no folder') => {
  const project = folder(files === 'no folder' ? {} : { 'dashboards/.keep': '' });
  if (files !== 'no folder') for (const [name, text] of Object.entries(files)) writeFileSync(path.join(project, 'dashboards', name), text);
  return readDashboardFiles(path.join(project, 'dashboards'), (f) => path.relative(project, f)).diagnostics;
};

interface PushInput {
  url: string;
  token: string | 'no file';
  folder?: string;
}

/**
 * `lookout grafana push` with these options over an empty dashboards folder: the options are
 * checked with the folder, and an empty folder stops the push before anything is sent.
 */
async function push({ url, token, folder: title }: PushInput) {
  const project = folder({ 'dashboards/.keep': '', ...(token === 'no file' ? {} : { '.grafana-token': token }) });
  const report = await pushDashboards({ url, tokenFile: path.join(project, '.grafana-token'), folder: title, project, dir: 'dashboards' });
  return within(project, report.diagnostics);
}

const GOOD: PushInput = { url: 'http://127.0.0.1:3000/grafana', token: 'glsa_shop_0123456789\n', folder: 'Lookout' };

checkCases('grafana/url', {
  run: push,
  pass: [{ name: 'an http URL with a sub-path', input: GOOD }],
  fail: [
    { name: 'a URL without a scheme', input: { ...GOOD, url: '127.0.0.1:3000/grafana' }, expect: { path: '--url', message: '"127.0.0.1:3000/grafana" does not start with http:// or https://' } },
    { name: 'a URL with credentials', input: { ...GOOD, url: 'http://admin:admin@127.0.0.1:3000/grafana' }, expect: { path: '--url', message: 'the URL holds a user name or password' } },
    { name: 'a URL with a query string', input: { ...GOOD, url: 'http://127.0.0.1:3000/grafana?orgId=1' }, expect: { path: '--url', message: 'has a query or fragment' } },
  ],
});

checkCases('grafana/token-file', {
  run: push,
  pass: [{ name: 'a file with one token line', input: GOOD }],
  fail: [
    { name: 'no token file', input: { ...GOOD, token: 'no file' }, expect: { path: '--token-file', file: '.grafana-token', message: 'the token file does not exist' } },
    { name: 'an empty token file', input: { ...GOOD, token: '\n' }, expect: { path: '--token-file', message: 'the token file is empty' } },
    { name: 'two tokens', input: { ...GOOD, token: 'glsa_shop_0123456789\nglsa_old_9876543210\n' }, expect: { path: '--token-file', message: 'the token file holds more than one line' } },
  ],
});

checkCases('grafana/folder', {
  run: push,
  pass: [
    { name: 'a folder title', input: GOOD },
    { name: 'no folder (the root level)', input: { url: GOOD.url, token: GOOD.token } },
  ],
  fail: [{ name: 'a blank folder title', input: { ...GOOD, folder: '  ' }, expect: { path: '--folder', message: 'the folder name is empty' } }],
});

checkCases('grafana/dashboards-dir', {
  run: readForPush,
  pass: [{ name: 'a folder with a dashboard file', input: { 'shop.json': SHOP } }],
  fail: [
    { name: 'a folder without JSON files', input: { 'README.md': '# dashboards\n' }, expect: { path: '--dir', file: 'dashboards', message: 'holds no .json files, so there is nothing to push' } },
    { name: 'no folder', input: 'no folder', expect: { path: '--dir', file: 'dashboards', message: 'the dashboards folder does not exist' } },
  ],
});

checkCases('grafana/dashboard-file', {
  run: readForPush,
  pass: [{ name: 'two dashboards with their own uid and title', input: { 'orders.json': ORDERS, 'shop.json': SHOP } }],
  fail: [
    { name: 'a dashboard without a uid', input: { 'shop.json': JSON.stringify({ title: 'Shop overview', panels: [] }) }, expect: { file: 'dashboards/shop.json', path: 'uid', message: 'the dashboard has no uid' } },
    { name: 'a file missing a comma', input: { 'shop.json': '{"uid": "shop-overview"\n "title": "Shop overview"}' }, expect: { file: 'dashboards/shop.json', path: '', line: 2, message: 'not valid JSON' } },
    { name: "a dashboard repeating another's uid", input: { 'orders.json': dashboard({ title: 'Shop orders' }), 'shop.json': SHOP }, expect: { file: 'dashboards/shop.json', path: 'uid', message: 'uid "shop-overview" is also the uid of dashboards/orders.json' } },
  ],
});

checkCases('grafana/dashboard-json', {
  run: readForQueries,
  pass: [{ name: 'a dashboard file that parses', input: { 'shop.json': SHOP } }],
  fail: [
    { name: 'a dashboard file cut short', input: { 'shop.json': SHOP.slice(0, -1) }, expect: { file: 'shop.json', path: '', message: 'not valid JSON' } },
    { name: 'a file cut short, at its last line', input: { 'shop.json': PRETTY.slice(0, -1) }, expect: { file: 'shop.json', line: 5, column: 1, message: 'not valid JSON' } },
    // Node 20 gives no position for an unexpected token (Node 22 does): lookout finds it itself.
    { name: 'a property without its value, at the token', input: { 'shop.json': PRETTY.replace('"Shop overview"', '') }, expect: { file: 'shop.json', line: 3, column: 12, message: 'not valid JSON' } },
  ],
});

checkCases('grafana/dashboard-shape', {
  run: readForQueries,
  pass: [{ name: 'panels as a list', input: { 'shop.json': SHOP } }],
  fail: [
    { name: 'panels as an object', input: { 'shop.json': dashboard({ panels: {} }) }, expect: { file: 'shop.json', path: 'panels' } },
    { name: 'no uid', input: { 'shop.json': JSON.stringify({ title: 'Shop overview', panels: [] }) }, expect: { file: 'shop.json', path: 'uid' } },
  ],
});

checkCases('grafana/dashboard-duplicate-uid', {
  run: readForQueries,
  pass: [{ name: 'two dashboards with their own uid', input: { 'orders.json': ORDERS, 'shop.json': SHOP } }],
  fail: [
    {
      name: 'two dashboards sharing a uid',
      input: { 'orders.json': dashboard({ title: 'Shop orders' }), 'shop.json': SHOP },
      expect: { file: 'shop.json', path: 'uid', message: 'uid "shop-overview" is also used by' },
    },
  ],
});
