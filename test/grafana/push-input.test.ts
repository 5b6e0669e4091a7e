import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushWorkspace, runPush, startFakeGrafana, type FakeGrafana, type PushWorkspace } from './fakeGrafana.js';

const TOKEN = 'glsa_inputTests_eeeeeeeeeeeeeeeeeeee';

describe('lookout grafana push checks its input before sending anything', () => {
  let grafana: FakeGrafana;
  let ws: PushWorkspace;
  beforeEach(async () => {
    grafana = await startFakeGrafana({ [TOKEN]: 'Editor' });
  });
  afterEach(async () => {
    await grafana.stop();
    ws?.remove();
  });

  const tokenFiles: [string, (file: string) => void, string][] = [
    ['a missing token file', () => {}, 'the token file does not exist'],
    ['an empty token file', (f) => writeFileSync(f, ''), 'the token file is empty'],
    ['a token file of blank lines', (f) => writeFileSync(f, '\n  \n\t\n'), 'the token file is empty'],
    ['a token file that is a folder', (f) => mkdirSync(f), 'the token file is a folder'],
    ['a token file of two lines', (f) => writeFileSync(f, `${TOKEN}\n${TOKEN}\n`), 'the token file holds more than one line'],
    ['a token with a space in it', (f) => writeFileSync(f, `Bearer ${TOKEN}\n`), 'the token holds spaces or characters that cannot be sent in an HTTP header'],
  ];
  for (const [name, make, message] of tokenFiles) {
    it(`${name} is an error naming the file, nothing is sent, and the exit code is 2`, async () => {
      ws = pushWorkspace();
      make(ws.tokenFile);
      const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toContain(`${ws.tokenFile}: error grafana/token-file: --token-file: ${message}`);
      expect(r.err).toContain('nothing was sent to Grafana.');
      expect(r.err).not.toContain(TOKEN);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(grafana.requests).toEqual([]);
    });
  }

  it.skipIf(process.getuid?.() === 0)('an unreadable token file is an error naming the file', async () => {
    ws = pushWorkspace({ token: TOKEN });
    chmodSync(ws.tokenFile, 0o000);
    const r = await runPush(ws, { url: grafana.url });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${ws.tokenFile}: error grafana/token-file: --token-file: the token file cannot be read (permission denied)`);
    expect(grafana.requests).toEqual([]);
  });

  it('trims the token: a trailing newline and spaces are not sent', async () => {
    ws = pushWorkspace();
    writeFileSync(ws.tokenFile, `  ${TOKEN}  \r\n`);
    expect((await runPush(ws, { url: grafana.url })).code).toBe(0);
    expect(new Set(grafana.requests.map((q) => q.auth))).toEqual(new Set([`Bearer ${TOKEN}`]));
  });

  const urls: [string, string][] = [
    ['ftp://grafana.example.com', '"ftp://grafana.example.com" uses ftp; Grafana\'s HTTP API needs http or https'],
    ['grafana.example.com:3000', '"grafana.example.com:3000" does not start with http:// or https://'],
    ['http://', '"http://" is not a URL'],
    ['not a url', '"not a url" does not start with http:// or https://'],
    ['http://admin:secret@127.0.0.1:3000', 'the URL holds a user name or password'],
    ['http://127.0.0.1:3000/?orgId=1', '"http://127.0.0.1:3000/?orgId=1" has a query or fragment'],
  ];
  for (const [url, message] of urls) {
    it(`--url ${url} is refused before anything is sent`, async () => {
      ws = pushWorkspace({ token: TOKEN });
      const r = await runPush(ws, { url });
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toContain(`error grafana/url: --url: ${message}`);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(grafana.requests).toEqual([]);
    });
  }

  it('bad dashboard files are diagnostics naming the file and field; they are not sent, the good ones are, and the exit code is 1', async () => {
    const bad = ['not-json', 'no-uid', 'empty-title', 'wrapped', 'long-uid', 'list', 'same-uid', 'same-title'];
    ws = pushWorkspace({ token: TOKEN, extra: bad.map((b) => `invalid/${b}.json`) });
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(1);
    const at = (name: string) => `generated/grafana/dashboards/${name}.json`;
    const lines = r.err.split('\n');
    expect(lines.find((l) => l.startsWith(`${at('not-json')}:`))).toMatch(/^generated\/grafana\/dashboards\/not-json\.json:7:23: error grafana\/dashboard-file: not valid JSON: /);
    expect(lines).toContain(`${at('no-uid')}: error grafana/dashboard-file: uid: the dashboard has no uid`);
    expect(lines).toContain(`${at('empty-title')}: error grafana/dashboard-file: title: title is empty`);
    expect(lines).toContain(`${at('wrapped')}: error grafana/dashboard-file: uid: the dashboard has no uid`);
    expect(lines).toContain('  hint: the file holds an API request or export ({"dashboard": {...}}); it should hold the dashboard model itself');
    expect(lines).toContain(`${at('long-uid')}: error grafana/dashboard-file: uid: uid "lookout-fixture-with-a-uid-longer-than-forty-characters" is 55 characters long; Grafana allows at most 40`);
    expect(lines).toContain(`${at('list')}: error grafana/dashboard-file: holds a list, not a dashboard object`);
    expect(lines).toContain(`${at('same-uid')}: error grafana/dashboard-file: uid: uid "lookout-fixture-cost" is also the uid of ${at('lookout-fixture-cost')}; it is not sent`);
    expect(lines).toContain(`${at('same-title')}: error grafana/dashboard-file: title: title "fixture cost" is also the title of ${at('lookout-fixture-cost')}; it is not sent`);
    expect(r.err).not.toMatch(/\n\s+at /);

    // The diagnostics come before anything is sent, and only the three good dashboards went out.
    expect(r.err.indexOf('grafana/dashboard-file')).toBeLessThan(r.err.indexOf('3 of 11 dashboards pushed'));
    const sent = grafana.requests.filter((q) => q.path === '/api/dashboards/db').map((q) => (q.body as { dashboard: { uid: string } }).dashboard.uid);
    expect(sent).toEqual(['lookout-fixture-cost', 'lookout-fixture-reliability', 'lookout-fixture-streaming']);
    expect(grafana.dashboards.get('lookout-fixture-cost')?.title).toBe('Fixture Cost');
    expect(r.err).toContain('3 of 11 dashboards pushed to');
    expect(r.err).toContain('8 invalid files not sent.');
  });

  it('a folder of only bad files sends nothing and exits 1', async () => {
    ws = pushWorkspace({ token: TOKEN, fixtures: false, extra: ['invalid/no-uid.json'] });
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('0 of 1 dashboard pushed');
    expect(grafana.requests).toEqual([]);
  });

  it('a missing or empty dashboards folder says to run generate, and exits 2', async () => {
    ws = pushWorkspace({ token: TOKEN, fixtures: false });
    const empty = await runPush(ws, { url: grafana.url });
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('generated/grafana/dashboards: error grafana/dashboards-dir: --dir: holds no .json files, so there is nothing to push');
    rmSync(ws.dir, { recursive: true });
    const missing = await runPush(ws, { url: grafana.url });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('generated/grafana/dashboards: error grafana/dashboards-dir: --dir: the dashboards folder does not exist');
    expect(missing.err).toContain('hint: run npm run generate');
    expect(grafana.requests).toEqual([]);
  });

  it('--dir is read relative to the project', async () => {
    ws = pushWorkspace({ token: TOKEN });
    const other = path.join(ws.project, 'elsewhere');
    mkdirSync(other);
    writeFileSync(path.join(other, 'one.json'), JSON.stringify({ uid: 'lookout-elsewhere', title: 'Elsewhere', panels: [] }));
    const r = await runPush(ws, { url: grafana.url, dir: 'elsewhere' });
    expect(r.code).toBe(0);
    expect([...grafana.dashboards.keys()]).toEqual(['lookout-elsewhere']);
  });

  it('an empty --folder or a --timeout that is not a positive number is a usage error', async () => {
    ws = pushWorkspace({ token: TOKEN });
    const folder = await runPush(ws, { url: grafana.url, folder: ' ' });
    expect(folder.code).toBe(2);
    expect(folder.err).toContain('error grafana/folder: --folder: the folder name is empty');
    const timeout = await runPush(ws, { url: grafana.url, timeout: 'soon' });
    expect(timeout.code).toBe(2);
    expect(timeout.err).toBe('lookout grafana push: --timeout must be a number of seconds above 0, not "soon"');
    expect(grafana.requests).toEqual([]);
  });
});
