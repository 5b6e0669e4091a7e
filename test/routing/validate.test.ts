import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import { generate } from '../../src/engine/compiler/generate.js';
import { inProcess } from '../cli/lookout.js';
import { makeProject, removeProject, snapshot } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The mini shop's routing: pages to PagerDuty, everything else to the ticket channel. */
function routing(pageSeverity: string): string {
  return `import { defineRouting, pagerduty, slack } from 'lookout';

export default defineRouting({
  receivers: [
    pagerduty({ name: 'shop-pager', severities: ['page'], routingKeyFile: '/etc/alertmanager/pd.key' }),
    slack({ name: 'shop-tickets', severities: ['ticket'], apiUrlFile: '/etc/alertmanager/slack.url', channel: '#shop' }),
  ],
  route: {
    receiver: 'shop-tickets',
    groupBy: ['alertname'],
    routes: [
      { matchers: { severity: '${pageSeverity}' }, receiver: 'shop-pager' },
    ],
  },
  tests: [{ name: 'an unknown ticket goes to the channel', labels: { alertname: 'X', severity: 'ticket' }, receivers: ['shop-tickets'] }],
});
`;
}

const RULES = readFileSync(path.join(ROOT, 'test/fixtures/mini/rules/shop.ts'), 'utf8');

// One project for the three tests, generated once: each test puts back what it changed.
describe('lookout validate on Alertmanager routing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject({ 'rules/shop.ts': RULES, 'rules/routing.ts': routing('page') });
    expect((await generate({ root: dir })).status).toBe('ok');
  }, TIMEOUT.generate);
  afterAll(() => removeProject(dir));

  it('passes a sound routing: check-config, a route test per alert, and every template rendered by amtool', async () => {
    const tests = readFileSync(path.join(dir, 'generated/alertmanager/routes.test.yml'), 'utf8');
    expect(tests).toContain('name: ShopHighErrorRate (page)');
    expect(tests).toMatch(/name: ShopQueueBacklog \(ticket\)\n.*\n.*\n.*alertname: ShopQueueBacklog\n.*severity: ticket\n.*receivers:\n.*- shop-tickets/);
    // The runbook says who is told.
    expect(readFileSync(path.join(dir, 'generated/runbooks/shop-high-error-rate.md'), 'utf8')).toContain('Who is notified:\n- page: shop-pager\n');
    const r = await inProcess(() => validateCommand({ project: dir }));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('ok   amtool check-config (generated/alertmanager/alertmanager.yml)');
    expect(r.stdout).toContain('ok   amtool config routes test (5 cases');
    expect(r.stdout).toMatch(/ok {3}amtool template render \(\d+ receiver fields/);
  }, TIMEOUT.validate);

  it('fails on a page alert that would land in the ticket receiver, naming the route, the alert and the file; generated/ stays as it was', async () => {
    const before = snapshot(path.join(dir, 'generated'));
    writeFileSync(path.join(dir, 'rules/routing.ts'), routing('critical'));
    try {
      const r = await inProcess(() => validateCommand({ project: dir }));
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(
        'rules/routing.ts:8:10: error routing/severity: routing.route: ShopHighErrorRate (severity page, team shop) reaches receiver "shop-tickets" through route, but "shop-tickets" is for ticket',
      );
      expect(r.stderr).toContain('ShopBreakerOpen (severity page) reaches receiver "shop-tickets"');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(path.join(dir, 'generated'))).toEqual(before);
    } finally {
      writeFileSync(path.join(dir, 'rules/routing.ts'), routing('page'));
    }
  }, TIMEOUT.validate);

  it('fails through amtool when alertmanager.yml was edited by hand to send pages to the ticket channel', async () => {
    const config = path.join(dir, 'generated/alertmanager/alertmanager.yml');
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace('receiver: shop-pager', 'receiver: shop-tickets'));
    try {
      const r = await inProcess(() => validateCommand({ project: dir, generatedOnly: true }));
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('FAIL amtool config routes test');
      expect(r.stderr).toContain('ShopHighErrorRate (page) (rules/shop.ts): expected shop-pager, Alertmanager routes it to shop-tickets');
    } finally {
      writeFileSync(config, original);
    }
  }, TIMEOUT.validate);
});
