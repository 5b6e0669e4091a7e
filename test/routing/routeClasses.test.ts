import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeClasses, routingLabels, runRouteTests } from '../../src/compiler/alertmanagerTools.js';
import type { RouteTestCase } from '../../src/compiler/routing.js';

const CONFIG = `route:
  receiver: tickets
  routes:
    - receiver: pager
      matchers:
        - severity="page"
      continue: true
    - matchers:
        - team=~"shop|cart"
      match:
        env: prod
      routes:
        - receiver: tickets
          match_re:
            region: eu.*
receivers:
  - name: tickets
  - name: pager
`;

const at = (name: string, severity: string, team: string, receivers: string[]): RouteTestCase => ({ name, from: 'rules/x.ts', labels: { alertname: name, severity, team }, receivers });

describe('which cases must route alike', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-routes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const labelsOf = (config: string) => {
    const file = path.join(dir, 'alertmanager.yml');
    writeFileSync(file, config);
    return routingLabels(file);
  };

  it('reads the label names of every matcher in the tree, nested, match and match_re included', () => {
    expect(labelsOf(CONFIG)).toEqual(['env', 'region', 'severity', 'team']);
  });

  it('gives up, so every case runs, when an entry holds matchers it does not read', () => {
    expect(labelsOf(CONFIG.replace('- severity="page"', '- \'{severity="page", team="x"}\''))).toBeUndefined();
  });

  it.each([
    {
      name: 'cases that differ only in labels no route reads share a class',
      cases: [at('A', 'page', 'shop', ['pager']), at('B', 'page', 'shop', ['pager']), at('C', 'ticket', 'shop', ['tickets'])],
      labels: ['severity', 'team'],
      classes: [[0, 1], [2]],
    },
    {
      name: 'a label set and a label absent are different values',
      cases: [at('A', 'page', 'shop', ['pager']), { ...at('B', 'page', 'shop', ['pager']), labels: { alertname: 'B', severity: 'page' } }],
      labels: ['severity', 'team'],
      classes: [[0], [1]],
    },
    {
      name: 'the same labels expecting other receivers are apart: one of them must fail',
      cases: [at('A', 'page', 'shop', ['pager']), at('B', 'page', 'shop', ['tickets'])],
      labels: ['severity'],
      classes: [[0], [1]],
    },
    {
      name: 'without the routing labels every case is its own class',
      cases: [at('A', 'page', 'shop', ['pager']), at('B', 'page', 'shop', ['pager'])],
      labels: undefined,
      classes: [[0], [1]],
    },
  ])('$name', ({ cases, labels, classes }) => {
    expect(routeClasses(cases, labels)).toEqual(classes);
  });
});

describe('runRouteTests with the real amtool', () => {
  let dir: string;
  let config: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-routes-'));
    config = path.join(dir, 'alertmanager.yml');
    writeFileSync(config, 'route:\n  receiver: tickets\n  routes:\n    - receiver: pager\n      matchers:\n        - severity="page"\nreceivers:\n  - name: tickets\n  - name: pager\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs one case per class, and when it fails reports every case of its class with its own command, in the cases\' order', async () => {
    const cases = [
      at('ShopPage', 'page', 'shop', ['pager']),
      at('ShopTicket', 'ticket', 'shop', ['pager']),
      at('CartPage', 'page', 'cart', ['pager']),
      at('CartTicket', 'ticket', 'cart', ['pager']),
    ];
    const r = await runRouteTests(config, cases, 2);
    expect(r.missing).toBeUndefined();
    // Two classes (page, ticket), then the failed class's other case again.
    expect(r.runs).toBe(3);
    expect(r.failures).toHaveLength(2);
    expect(r.failures[0]).toMatch(/^ShopTicket \(rules\/x\.ts\): expected pager, Alertmanager routes it to tickets\n {2}\$ amtool config routes test .*--verify\.receivers=pager .*alertname="ShopTicket"/);
    expect(r.failures[1]).toMatch(/^CartTicket \(rules\/x\.ts\): expected pager, Alertmanager routes it to tickets\n {2}\$ .*alertname="CartTicket"/);
  });

  it('passes a sound routing in one amtool run per class', async () => {
    const cases = ['shop', 'cart', 'search'].flatMap((team) => [at(`${team}Page`, 'page', team, ['pager']), at(`${team}Ticket`, 'ticket', team, ['tickets'])]);
    const r = await runRouteTests(config, cases, 2);
    expect(r).toEqual({ failures: [], runs: 2 });
  });
});
