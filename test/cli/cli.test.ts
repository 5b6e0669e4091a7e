import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import { generate } from '../../src/engine/compiler/generate.js';
import { makeProject, removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { inProcess, lookout } from './lookout.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

const BROKEN = `import { alert, ruleGroup } from 'lookout';

export default ruleGroup({
  name: 'checks',
  rules: [
    alert({
      name: 'ShopBroken',
      expr: 'sum(rate(shop_request_total[5m])) > 1',
      for: '5m',
      severity: 'ticket',
      summary: 'Something is wrong.',
      description: 'It is wrong.',
    }),
  ],
});
`;

// Two tests run the command as its own process (what main.ts does with arguments and exit
// codes); the others call the command's function in this process and read what it prints.
describe('the lookout command', () => {
  it('prints definition errors compiler-style, underlines the span, and exits 1', async () => {
    const dir = makeProject({ 'rules/checks.ts': BROKEN });
    try {
      const r = await lookout(['generate', '--project', dir]);
      expect(r.exitCode).toBe(1);
      const lines = r.stderr.split('\n');
      expect(lines).toContain('rules/checks.ts:8:23: error promql/unknown-metric: ShopBroken.expr: unknown metric "shop_request_total"');
      expect(lines).toContain('    | sum(rate(shop_request_total[5m])) > 1');
      expect(lines).toContain('    |          ^^^^^^^^^^^^^^^^^^');
      expect(lines).toContain('  hint: did you mean "shop_requests_total"?');
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stderr).toContain('left unchanged');
    } finally {
      removeProject(dir);
    }
  }, TIMEOUT.validate);

  it('names the missing tool and how to install it, and exits 2', async () => {
    // The tools over the committed generated/: whether it is up to date is not this test's question.
    vi.stubEnv('LOOKOUT_PROMTOOL', '/nonexistent/promtool');
    const r = await inProcess(() => validateCommand({ project: ROOT, generatedOnly: true })).finally(() => vi.unstubAllEnvs());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('promtool was not found (looked for "/nonexistent/promtool"). Install it with:\n  apt-get install -y --no-install-recommends prometheus');
  });

  it('exits 2 on a usage error', async () => {
    const r = await lookout(['generat']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown command 'generat'");
  }, TIMEOUT.validate);

  it('shows promtool\'s own output when a generated test fails, and exits 1', async () => {
    const dir = makeProject({ 'rules/checks.ts': BROKEN.replace('shop_request_total[5m]', 'shop_requests_total[5m]') });
    try {
      expect((await generate({ root: dir })).status).toBe('ok');
      const rules = path.join(dir, 'generated/prometheus/rules/checks.rules.yml');
      writeFileSync(rules, readFileSync(rules, 'utf8').replace('> 1', '> 2'));
      // By default validate first finds the hand edit as drift from the definitions...
      const drift = await inProcess(() => validateCommand({ project: dir }));
      expect(drift.exitCode).toBe(1);
      expect(drift.stderr).toContain('changed: ');
      expect(drift.stderr).toContain('generated/prometheus/rules/checks.rules.yml');
      // ...and with --generated-only it runs the tools over the edited file as it is.
      const r = await inProcess(() => validateCommand({ project: dir, generatedOnly: true }));
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('FAIL promtool test rules');
      expect(r.stderr).toContain('alertname: ShopBroken');
    } finally {
      removeProject(dir);
    }
  }, TIMEOUT.validate);

  it('checks the SLO inhibition rules with amtool, and shows its complaint', async () => {
    const dir = makeProject({ 'slo/shop.ts': readFileSync(path.join(ROOT, 'test/fixtures/mini/slo/shop.ts'), 'utf8') });
    try {
      expect((await generate({ root: dir })).status).toBe('ok');
      const fragment = path.join(dir, 'generated/alertmanager/slo-inhibit-rules.yml');
      const ok = await inProcess(() => validateCommand({ project: dir, generatedOnly: true }));
      expect(ok.stdout).toContain('ok   amtool check-config (generated/alertmanager/slo-inhibit-rules.yml)');
      writeFileSync(fragment, readFileSync(fragment, 'utf8').replace('tier=~"6h|1d|3d"', 'tier=~"(6h"'));
      const r = await inProcess(() => validateCommand({ project: dir, generatedOnly: true }));
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('FAIL amtool check-config (generated/alertmanager/slo-inhibit-rules.yml)');
      expect(r.stderr).toContain('missing closing )');
    } finally {
      removeProject(dir);
    }
  }, TIMEOUT.validate);
});
