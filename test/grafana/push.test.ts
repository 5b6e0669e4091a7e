import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderUid, MAX_UID_LENGTH } from '../../src/integrations/grafana/folders.js';
import { pushDashboards } from '../../src/integrations/grafana/push.js';
import { FIXTURE_UIDS, fixtureDashboard, pushWorkspace, runPush, startFakeGrafana, type FakeGrafana, type PushWorkspace } from './fakeGrafana.js';
import { DEFAULT_DASHBOARD_DIR } from '../../src/cli/defaults.js';

const TOKEN = 'glsa_editorTokenForTheFake_0123456789';

describe('lookout grafana push against a Grafana that keeps the documented contract', () => {
  let grafana: FakeGrafana;
  let ws: PushWorkspace;
  beforeEach(async () => {
    grafana = await startFakeGrafana({ [TOKEN]: 'Editor' });
    ws = pushWorkspace({ token: TOKEN });
  });
  afterEach(async () => {
    await grafana.stop();
    ws.remove();
  });

  it('creates the folder once, with the uid derived from its title, and pushes every dashboard into it', async () => {
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);

    const uid = folderUid('Lookout');
    expect([...grafana.folders.values()].map((f) => [f.uid, f.title])).toEqual([[uid, 'Lookout']]);
    expect(grafana.requests.filter((q) => q.method === 'POST' && q.path === '/api/folders')).toHaveLength(1);
    expect([...grafana.dashboards.keys()].sort()).toEqual(FIXTURE_UIDS);
    for (const d of grafana.dashboards.values()) {
      expect(d.folderUid).toBe(uid);
      expect(d.version).toBe(1);
      expect(d.message).toBe('pushed by lookout grafana push');
      // The model goes as written, with id null so Grafana matches it by uid.
      expect(d.model).toEqual({ ...fixtureDashboard(d.uid), id: null });
    }
    const saves = grafana.requests.filter((q) => q.path === '/api/dashboards/db');
    expect(saves.map((q) => (q.body as { overwrite: boolean }).overwrite)).toEqual([true, true, true]);
    expect(grafana.requests.every((q) => q.auth === `Bearer ${TOKEN}`)).toBe(true);

    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`folder "Lookout" (uid ${uid}): created  ${grafana.url}/dashboards/f/${uid}/lookout`);
    for (const d of grafana.dashboards.values()) {
      const line = lines.find((l) => l.startsWith(`pushed    ${d.uid} `));
      expect(line, d.uid).toBeDefined();
      expect(line).toContain(`"${d.title}"`);
      expect(line).toMatch(new RegExp(`success, version 1  ${grafana.url}/d/${d.uid}/`));
    }
    expect(lines.at(-1)).toBe(`3 of 3 dashboards pushed to ${grafana.url} in folder "Lookout".`);
    expect(r.out).not.toContain(TOKEN);
  });

  it('finds the folder on a second push, creates nothing, and bumps every version with the given message', async () => {
    expect((await runPush(ws, { url: grafana.url, folder: 'Lookout' })).code).toBe(0);
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout', message: 'release 42' });
    expect(r.code).toBe(0);
    expect(grafana.folders.size).toBe(1);
    expect(grafana.requests.filter((q) => q.method === 'POST' && q.path === '/api/folders')).toHaveLength(1);
    expect([...grafana.dashboards.values()].map((d) => [d.version, d.message])).toEqual(FIXTURE_UIDS.map(() => [2, 'release 42']));
    expect(r.out.split('\n')[0]).toMatch(/^folder "Lookout" \(uid lookout-lookout-[0-9a-f]{10}\): found/);
    expect(r.out.match(/success, version 2/g)).toHaveLength(3);
  });

  it('overwrites by default when called as a library, so a second push replaces what the first pushed', async () => {
    const options = { url: grafana.url, tokenFile: ws.tokenFile, folder: 'Lookout', project: ws.project, dir: DEFAULT_DASHBOARD_DIR };
    expect((await pushDashboards(options)).status).toBe('ok');
    const second = await pushDashboards(options);
    expect(second.status).toBe('ok');
    expect(second.outcomes.map((o) => (o.kind === 'pushed' ? o.version : o.kind))).toEqual([2, 2, 2]);
  });

  it('pushes to the root level when no folder is given, and never touches the folder API', async () => {
    const r = await runPush(ws, { url: grafana.url });
    expect(r.code).toBe(0);
    expect(grafana.requests.some((q) => q.path.startsWith('/api/folders'))).toBe(false);
    expect([...grafana.dashboards.values()].map((d) => d.folderUid)).toEqual(['', '', '']);
    expect(grafana.requests.filter((q) => q.path === '/api/dashboards/db').every((q) => !('folderUid' in (q.body as object)))).toBe(true);
    expect(r.out).toContain('3 of 3 dashboards pushed to');
    expect(r.out).toContain('at the root level.');
  });

  it('uses a folder that already has the title, whatever its uid', async () => {
    grafana.seedFolder('hand-made', 'Lookout');
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(0);
    expect(grafana.folders.size).toBe(1);
    expect([...grafana.dashboards.values()].every((d) => d.folderUid === 'hand-made')).toBe(true);
  });

  it('finds its own folder by uid after someone renamed it in Grafana, instead of creating a second one', async () => {
    grafana.seedFolder(folderUid('Lookout'), 'Lookout (renamed)');
    const r = await runPush(ws, { url: grafana.url, folder: 'Lookout' });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(`folder "Lookout (renamed)" (uid ${folderUid('Lookout')}): found by the uid lookout derives from --folder (it was renamed in Grafana)`);
    expect(grafana.folders.size).toBe(1);
    expect([...grafana.dashboards.values()].every((d) => d.folderUid === folderUid('Lookout'))).toBe(true);
  });

  it('reads every page of the folder list before deciding to create one', async () => {
    for (let i = 0; i < 1500; i++) grafana.seedFolder(`team-${i}`, `Team ${String(i).padStart(4, '0')}`);
    grafana.seedFolder('existing-lookout', 'Zz Lookout');
    const r = await runPush(ws, { url: grafana.url, folder: 'Zz Lookout' });
    expect(r.code).toBe(0);
    expect(grafana.requests.filter((q) => q.path.startsWith('/api/folders?')).map((q) => q.path)).toEqual(['/api/folders?limit=1000&page=1', '/api/folders?limit=1000&page=2']);
    expect(grafana.requests.some((q) => q.method === 'POST' && q.path === '/api/folders')).toBe(false);
    expect([...grafana.dashboards.values()].every((d) => d.folderUid === 'existing-lookout')).toBe(true);
  });
});

describe('lookout grafana push to a Grafana served under a sub-path', () => {
  it('keeps the sub-path in every request and in the printed links', async () => {
    const grafana = await startFakeGrafana({ [TOKEN]: 'Admin' }, '/grafana');
    const ws = pushWorkspace({ token: TOKEN });
    try {
      const r = await runPush(ws, { url: `${grafana.url}/`, folder: 'Lookout' });
      expect(r.code).toBe(0);
      expect(grafana.requests.every((q) => q.path.startsWith('/grafana/api/'))).toBe(true);
      expect(r.out).toContain(`${grafana.url}/d/lookout-fixture-cost/fixture-cost`);
    } finally {
      await grafana.stop();
      ws.remove();
    }
  });
});

describe('the folder uid lookout derives from a title', () => {
  it('is the same for the same title, different for titles that slug alike, and a valid Grafana uid', () => {
    const titles = ['Lookout', 'SLO: API', 'SLO API', 'A very long folder title that goes on and on and on', 'Überwachung', '監視'];
    const uids = titles.map(folderUid);
    expect(titles.map(folderUid)).toEqual(uids);
    expect(new Set(uids).size).toBe(titles.length);
    for (const uid of uids) {
      expect(uid.length).toBeLessThanOrEqual(MAX_UID_LENGTH);
      expect(uid).toMatch(/^lookout-[a-z0-9-]+$/);
      expect(uid).not.toMatch(/--|-$/);
    }
  });
});
