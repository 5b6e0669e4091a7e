import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/integrations/loadtest/ports.js';
import { folderUid } from '../../src/integrations/grafana/folders.js';
import { pushDashboards } from '../../src/integrations/grafana/push.js';
import { FIXTURE_UIDS, pushWorkspace, runPush, startFakeGrafana, type FakeGrafana, type PushRun, type PushWorkspace } from './fakeGrafana.js';
import { DEFAULT_DASHBOARD_DIR } from '../../src/cli/defaults.js';

const EDITOR = 'glsa_editor_aaaaaaaaaaaaaaaaaaaaaaaa';
const VIEWER = 'glsa_viewer_bbbbbbbbbbbbbbbbbbbbbbbb';
const EXPIRED = 'glsa_expired_cccccccccccccccccccccc';
const UNKNOWN = 'glsa_unknown_dddddddddddddddddddddd';

/** Every run must keep the token out of what it prints, and print no stack trace. */
function expectClean(r: PushRun): void {
  for (const t of [EDITOR, VIEWER, EXPIRED, UNKNOWN]) expect(r.out + r.err).not.toContain(t);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe("lookout grafana push explains Grafana's error answers", () => {
  let grafana: FakeGrafana;
  let ws: PushWorkspace;
  const workspace = (token: string) => (ws = pushWorkspace({ token }));
  beforeEach(async () => {
    grafana = await startFakeGrafana({ [EDITOR]: 'Editor', [VIEWER]: 'Viewer', [EXPIRED]: 'expired' });
  });
  afterEach(async () => {
    await grafana.stop();
    ws?.remove();
  });

  it('401 for an unknown token: names the token file, shows Grafana\'s message, sends no dashboard and exits 1', async () => {
    workspace(UNKNOWN);
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`could not find or create the folder "Lookout": 401 Unauthorized: Grafana did not accept the token in ${ws.tokenFile}: it is missing, invalid, revoked or expired`);
    expect(r.err).toContain('Grafana said: "Invalid API key"');
    expect(r.err).toContain('hint: create a service account token');
    for (const uid of FIXTURE_UIDS) expect(r.err).toMatch(new RegExp(`not sent  ${uid} .*could not be found or created`));
    expect(r.err).toContain('0 of 3 dashboards pushed');
    expect(grafana.requests.map((q) => q.path)).toEqual(['/api/folders?limit=1000&page=1']);
    expect(grafana.folders.size + grafana.dashboards.size).toBe(0);
    expectClean(r);
  });

  it('401 for an expired token: stops after the first dashboard instead of failing each the same way', async () => {
    workspace(EXPIRED);
    const r = await runPush(ws, { url: grafana.url });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/FAILED {4}lookout-fixture-cost .* 401 Unauthorized: Grafana did not accept the token/);
    expect(r.err).toContain('Grafana said: "API key has expired"');
    expect(r.err).toMatch(/not sent  lookout-fixture-reliability .* not sent after the 401 Unauthorized above/);
    expect(grafana.requests.filter((q) => q.path === '/api/dashboards/db')).toHaveLength(1);
    expectClean(r);
  });

  it('403 when a Viewer token would create the folder: says creating folders needs Editor', async () => {
    workspace(VIEWER);
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('403 Forbidden: the token is valid but not allowed to create the folder "Lookout"');
    expect(r.err).toContain('Grafana said: "You\'ll need additional permissions to perform this action. Permissions needed: folders:create"');
    expect(r.err).toContain('hint: creating a folder needs the Editor or Admin role');
    expect(grafana.folders.size).toBe(0);
    expectClean(r);
  });

  it('403 when a Viewer token saves into an existing folder: says it needs Edit on that folder', async () => {
    grafana.seedFolder(folderUid('Lookout'), 'Lookout');
    workspace(VIEWER);
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('): found');
    expect(r.err).toContain('403 Forbidden: the token is valid but not allowed to save dashboard "Fixture Cost" (uid lookout-fixture-cost)');
    expect(r.err).toContain('saving a dashboard needs Edit permission on the folder "Lookout": the Editor role, or Edit granted on that folder');
    expect(r.err).toContain('Grafana said: "Access denied to save dashboard"');
    expect(grafana.dashboards.size).toBe(0);
    expectClean(r);
  });

  it('404 when --url misses the sub-path Grafana is served under', async () => {
    await grafana.stop();
    grafana = await startFakeGrafana({ [EDITOR]: 'Editor' }, '/grafana');
    workspace(EDITOR);
    const root = grafana.url.replace(/\/grafana$/, '');
    const r = await runPush(ws, { url: root, folder: 'Lookout' });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`404 Not Found: there is no Grafana HTTP API at ${root} (/api/folders was not found)`);
    expect(r.err).toContain('include the sub-path: --url https://host/grafana');
    expect(r.err).toContain('Grafana said: (not JSON) <html><head><title>404 Not Found</title>');
    expectClean(r);
  });

  it('404 when the folder disappears between lookup and save: says so and that a new push recreates it', async () => {
    workspace(EDITOR);
    const report = await pushDashboards(
      { url: grafana.url, tokenFile: ws.tokenFile, folder: 'Lookout', project: ws.project, dir: DEFAULT_DASHBOARD_DIR },
      { folder: () => grafana.folders.clear() },
    );
    expect(report.status).toBe('failed');
    const [first, ...rest] = report.outcomes;
    expect(first).toMatchObject({ kind: 'failed', explanation: { status: '404 Not Found', grafanaSaid: '"folder not found" (status not-found)', fatal: true } });
    expect(first?.kind === 'failed' && first.explanation.headline).toBe(`Grafana has no folder with uid ${folderUid('Lookout')} to save dashboard "Fixture Cost" in; it was probably deleted after lookout looked it up`);
    expect(rest.map((o) => o.kind)).toEqual(['not-sent', 'not-sent']);

    // As the hint says: pushing again finds no folder, creates it, and succeeds.
    expect((await runPush(ws, { url: grafana.url, folder: 'Lookout' })).code).toBe(0);
    expect(grafana.dashboards.size).toBe(3);
  });

  it('412 name-exists without overwrite: names the clashing title and says what overwrite would do; overwrite then replaces it', async () => {
    grafana.seedFolder(folderUid('Lookout'), 'Lookout');
    grafana.seedDashboard({ uid: 'made-by-hand', title: 'Fixture Cost', folderUid: folderUid('Lookout') });
    workspace(EDITOR);
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout', overwrite: false });
    expect(r.code).toBe(1);
    expect(r.err).toContain('412 Precondition Failed: another dashboard in the folder "Lookout" already has the title "Fixture Cost"');
    expect(r.err).toContain('Grafana said: "A dashboard with the same name in the folder already exists" (status name-exists)');
    expect(r.err).toContain('without it lookout sends overwrite: true, which makes Grafana replace that dashboard with the generated one');
    expect(r.out.match(/^pushed /gm)).toHaveLength(2);
    expect(r.err).toContain('2 of 3 dashboards pushed');
    expect(grafana.dashboards.has('made-by-hand')).toBe(true);

    const again = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(again.code).toBe(0);
    expect(grafana.dashboards.has('made-by-hand')).toBe(false);
    expect(grafana.dashboards.get('lookout-fixture-cost')?.version).toBe(1);
  });

  it('412 version-mismatch without overwrite for dashboards already in Grafana', async () => {
    workspace(EDITOR);
    expect((await runPush(ws, { url: grafana.url })).code).toBe(0);
    const r = await runPush(ws, { url: grafana.url, overwrite: false });
    expect(r.code).toBe(1);
    for (const uid of FIXTURE_UIDS) {
      expect(r.err).toContain(`412 Precondition Failed: Grafana holds dashboard uid ${uid} at another version than the one sent: it was changed in Grafana since, or pushed before`);
    }
    expect(r.err.match(/Grafana said: "The dashboard has been changed by someone else" \(status version-mismatch\)/g)).toHaveLength(3);
    expect(r.err).toContain('this push ran with --no-overwrite');
    expect([...grafana.dashboards.values()].map((d) => d.version)).toEqual([1, 1, 1]);
    expectClean(r);
  });

  it('400 for a dashboard Grafana finds invalid: shows its message, and still pushes the others', async () => {
    ws = pushWorkspace({ token: EDITOR, extra: ['rejected/illegal-uid.json'] });
    const r = await runPush(ws, { url: grafana.url });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/FAILED {4}lookout fixture\/illegal +"Fixture Illegal Uid" +400 Bad Request: Grafana rejected the request to save dashboard "Fixture Illegal Uid"/);
    expect(r.err).toContain('Grafana said: "uid contains illegal characters" (status invalid-uid)');
    expect(r.err).toContain('a uid is at most 40 characters of letters, digits, - and _');
    expect(grafana.dashboards.size).toBe(3);
    expect(r.err).toContain('3 of 4 dashboards pushed');
  });

  it('422 with a list of field errors: joins Grafana\'s field messages', async () => {
    workspace(EDITOR);
    grafana.answerNext(422, [{ fieldNames: ['Dashboard'], classification: 'RequiredError', message: 'Required' }]);
    const r = await runPush(ws, { url: grafana.url });
    expect(r.code).toBe(1);
    expect(r.err).toContain('422 Unprocessable Entity: Grafana rejected the request to save dashboard "Fixture Cost"');
    expect(r.err).toContain('Grafana said: "Dashboard: Required"');
    expect(grafana.dashboards.size).toBe(2);
  });

  it('500: points at the server log with the trace id, and carries on with the other dashboards', async () => {
    workspace(EDITOR);
    grafana.answerNext(500, { message: 'Internal Server Error', traceID: '4f2a9c' });
    const r = await runPush(ws, { url: grafana.url });
    expect(r.code).toBe(1);
    expect(r.err).toContain('500 Internal Server Error: Grafana failed on its side while trying to save dashboard "Fixture Cost"');
    expect(r.err).toContain('Grafana said: "Internal Server Error" traceID 4f2a9c');
    expect(r.err).toContain('search it for traceID 4f2a9c');
    expect(grafana.dashboards.size).toBe(2);
    expect(r.err).toContain('2 of 3 dashboards pushed to');
    expect(r.err).toContain('1 failed');
  });

  it('502 from a proxy: says Grafana behind it is down, with the start of the proxy\'s page', async () => {
    workspace(EDITOR);
    grafana.answerNext(502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('502 Bad Gateway: a proxy or load balancer in front of Grafana got no good answer from Grafana when asked to list the folders');
    expect(r.err).toContain('Grafana said: (not JSON) <html><body><h1>502 Bad Gateway</h1></body></html>');
  });

  it('a redirect: names where it points instead of following it with the token', async () => {
    workspace(EDITOR);
    grafana.answerNext(301, '', { location: 'https://grafana.example.com/api/folders' });
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(1);
    expect(r.err).toContain("301 Moved Permanently: Grafana's address redirects to https://grafana.example.com/api/folders instead of answering the API");
    expect(grafana.requests).toHaveLength(1);
  });

  it('a 200 that is not JSON: says the URL points at something other than the API', async () => {
    workspace(EDITOR);
    grafana.answerNext(200, '<!DOCTYPE html><html><title>Sign in</title></html>');
    const r = await runPush(ws, { url: grafana.url });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`200 but not JSON: ${grafana.url} answered with text/html; charset=utf-8 that is not Grafana's JSON API (it starts "<!DOCTYPE html><html><title>Sign in</title></html>")`);
    expect(r.err).toMatch(/not sent  lookout-fixture-reliability/);
  });

  it('no answer within --timeout: a timeout naming the host, nothing else sent', async () => {
    workspace(EDITOR);
    grafana.hang = true;
    const r = await runPush(ws, { url: grafana.url, timeout: '0.3' });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`timeout: no answer from ${new URL(grafana.url).host} within 0.3 s while trying to save dashboard "Fixture Cost"`);
    expect(r.err).toContain('--timeout');
    expect(grafana.requests).toHaveLength(1);
    expectClean(r);
  });
});

describe('lookout grafana push when nothing listens', () => {
  it('says the connection was refused at that host and port, and exits 1', async () => {
    const port = await freePort();
    const ws = pushWorkspace({ token: EDITOR });
    try {
      const r = await runPush(ws, { url: `http://127.0.0.1:${port}`, folder: 'Lookout' });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`could not find or create the folder "Lookout": connection refused: nothing is listening at 127.0.0.1:${port} (connection refused)`);
      expect(r.err).toContain('hint: check that Grafana is running');
      expect(r.err).toContain('0 of 3 dashboards pushed');
      expectClean(r);
    } finally {
      ws.remove();
    }
  });
});
