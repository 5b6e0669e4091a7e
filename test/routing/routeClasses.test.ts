import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeClasses, routingMatchers, runRouteTests, type LabelMatchers } from '../../src/engine/compiler/alertmanagerTools.js';
import type { RouteTestCase } from '../../src/engine/compiler/routing.js';

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
  const matchersOf = (config: string) => {
    const file = path.join(dir, 'alertmanager.yml');
    writeFileSync(file, config);
    const read = routingMatchers(file);
    return read && Object.fromEntries([...read].map(([name, m]) => [name, { values: [...m.values].sort(), regex: m.regex }]));
  };

  it('reads every matcher in the tree, nested, match and match_re included: the values of = and !=, or that a regex reads the label', () => {
    expect(matchersOf(CONFIG)).toEqual({
      severity: { values: ['page'], regex: false },
      team: { values: [], regex: true },
      env: { values: ['prod'], regex: false },
      region: { values: [], regex: true },
    });
  });

  it('keeps a value with an escape as unknown, since Alertmanager unescapes by its own rules', () => {
    expect(matchersOf(CONFIG.replace('- severity="page"', '- severity="pa\\"ge"'))?.severity).toEqual({ values: [], regex: true });
  });

  it('gives up, so every case runs, when an entry holds matchers it does not read', () => {
    expect(matchersOf(CONFIG.replace('- severity="page"', '- \'{severity="page", team="x"}\''))).toBeUndefined();
  });

  const eq = (...values: string[]): LabelMatchers => ({ values: new Set(values), regex: false });
  const regex: LabelMatchers = { values: new Set(), regex: true };
  it.each([
    {
      name: 'cases that differ only in labels no route reads share a class',
      cases: [at('A', 'page', 'shop', ['pager']), at('B', 'page', 'shop', ['pager']), at('C', 'ticket', 'shop', ['tickets'])],
      matchers: new Map([['severity', regex], ['team', regex]]),
      classes: [[0, 1], [2]],
    },
    {
      name: 'values no = or != matcher names share a class; a named value is apart',
      cases: [at('A', 'page', 'shop', ['pager']), at('B', 'page', 'cart', ['pager']), at('C', 'page', 'ops', ['pager'])],
      matchers: new Map([['severity', eq('page')], ['team', eq('ops')]]),
      classes: [[0, 1], [2]],
    },
    {
      name: 'a label a regex reads is apart by value',
      cases: [at('A', 'page', 'shop', ['pager']), at('B', 'page', 'cart', ['pager']), at('C', 'page', 'shop', ['pager'])],
      matchers: new Map([['team', regex]]),
      classes: [[0, 2], [1]],
    },
    {
      name: 'a label absent is apart from any value',
      cases: [at('A', 'page', 'shop', ['pager']), { ...at('B', 'page', 'shop', ['pager']), labels: { alertname: 'B', severity: 'page' } }],
      matchers: new Map([['team', eq('ops')]]),
      classes: [[0], [1]],
    },
    {
      name: 'the same labels expecting other receivers are apart: one of them must fail',
      cases: [at('A', 'page', 'shop', ['pager']), at('B', 'page', 'shop', ['tickets'])],
      matchers: new Map([['severity', eq('page')]]),
      classes: [[0], [1]],
    },
    {
      name: 'without the matchers every case is its own class',
      cases: [at('A', 'page', 'shop', ['pager']), at('B', 'page', 'shop', ['pager'])],
      matchers: undefined,
      classes: [[0], [1]],
    },
  ])('$name', ({ cases, matchers, classes }) => {
    expect(routeClasses(cases, matchers)).toEqual(classes);
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
