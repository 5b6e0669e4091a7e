import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderUid } from '../../src/integrations/grafana/folders.js';
import { lookout } from '../cli/lookout.js';
import { FIXTURE_UIDS, pushWorkspace, startFakeGrafana, type FakeGrafana, type PushWorkspace } from './fakeGrafana.js';

const EDITOR = 'glsa_cliEditor_ffffffffffffffffffffff';
const VIEWER = 'glsa_cliViewer_gggggggggggggggggggggg';

// The command as a user runs it: a real `lookout` process talking to the loopback Grafana.
describe('the lookout grafana push command', () => {
  let grafana: FakeGrafana;
  let editor: PushWorkspace;
  let viewer: PushWorkspace;
  beforeAll(async () => {
    grafana = await startFakeGrafana({ [EDITOR]: 'Editor', [VIEWER]: 'Viewer' });
    editor = pushWorkspace({ token: EDITOR });
    viewer = pushWorkspace({ token: VIEWER });
  });
  afterAll(async () => {
    await grafana.stop();
    editor.remove();
    viewer.remove();
  });

  it('pushes every dashboard into the folder it creates, prints a line per dashboard, and exits 0', async () => {
    const r = await lookout(['grafana', 'push', '--url', grafana.url, '--token-file', editor.tokenFile, '--folder', 'Lookout', '--message', 'from the CLI test', '--project', editor.project]);
    // npx may warn about this machine's npm config; nothing else belongs on stderr.
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'))).toEqual([]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toContain(`folder "Lookout" (uid ${folderUid('Lookout')}): created`);
    for (const uid of FIXTURE_UIDS) expect(lines.some((l) => l.startsWith(`pushed    ${uid} `) && l.includes('success, version 1'))).toBe(true);
    expect(lines.at(-1)).toBe(`3 of 3 dashboards pushed to ${grafana.url} in folder "Lookout".`);
    expect([...grafana.dashboards.values()].map((d) => d.message)).toEqual(['from the CLI test', 'from the CLI test', 'from the CLI test']);
    // Without --no-overwrite the command asks Grafana to overwrite.
    expect(grafana.requests.filter((q) => q.path === '/api/dashboards/db').map((q) => (q.body as { overwrite: unknown }).overwrite)).toEqual([true, true, true]);
    expect(r.stdout).not.toContain(EDITOR);
  });

  it('explains a 403 on stderr, without a stack trace or the token, and exits 1', async () => {
    const r = await lookout(['grafana', 'push', '--url', grafana.url, '--token-file', viewer.tokenFile, '--folder', 'Lookout', '--project', viewer.project]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('403 Forbidden: the token is valid but not allowed to save dashboard "Fixture Cost" (uid lookout-fixture-cost)');
    expect(r.stderr).toContain('not sent after the 403 Forbidden above');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout + r.stderr).not.toContain(VIEWER);
  });

  it('exits 2 on a missing token file and on a missing --url', async () => {
    const noToken = await lookout(['grafana', 'push', '--url', grafana.url, '--token-file', `${editor.project}/nope`, '--project', editor.project]);
    expect(noToken.exitCode).toBe(2);
    expect(noToken.stderr).toContain(`${editor.project}/nope: error grafana/token-file: --token-file: the token file does not exist`);
    const noUrl = await lookout(['grafana', 'push', '--token-file', editor.tokenFile]);
    expect(noUrl.exitCode).toBe(2);
    expect(noUrl.stderr).toContain("required option '--url <url>' not specified");
  });
});
