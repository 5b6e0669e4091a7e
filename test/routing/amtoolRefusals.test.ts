import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerConfig, templatesFile, TEMPLATES_FILE } from '../../src/compiler/emit/alertmanagerConfig.js';
import { routingInhibitions } from '../../src/compiler/routing.js';
import { AMTOOL, runTool } from '../../src/compiler/tools.js';
import type { Receiver } from '../../src/toolkit/routing/receivers.js';
import { checkRouting } from '../../src/toolkit/routing/checks.js';
import { isGoLocation } from '../../src/toolkit/routing/timeIntervals.js';
import { defineRouting, pagerduty, webhook, type RoutingOptions } from '../../src/toolkit/index.js';

/**
 * Each refusal lookout makes of a routing field is one amtool 0.25 makes: every failing case is
 * written out as generate would write it, with the check ignored, and the real amtool must refuse
 * it; every passing case must pass both.
 */
type Options = RoutingOptions<string, string>;
const pager = pagerduty({ name: 'pager', severities: ['page', 'ticket', 'info'], routingKeyFile: '/etc/am/pd.key' });
const base: Options = { receivers: [pager], route: { receiver: 'pager', groupBy: ['alertname'] } };

function withRoute(route: Partial<Options['route']>): Options {
  return { ...base, route: { ...base.route, ...route } };
}
function withChild(child: Record<string, unknown>): Options {
  return withRoute({ routes: [{ matchers: { team: 'shop' }, ...child }] as Options['route']['routes'] });
}
function withInterval(range: Record<string, unknown>): Options {
  return { ...withChild({ muteTimeIntervals: ['quiet'] }), timeIntervals: { quiet: [range] } };
}
function withReceiver(r: Receiver): Options {
  return { receivers: [r], route: { receiver: r.name } };
}
function hookTo(url: string): Receiver {
  return webhook({ name: 'hook', severities: ['page', 'ticket', 'info'], url });
}
function byHand(config: Record<string, unknown>): Receiver {
  return { kind: 'receiver', name: 'hand', severities: ['page', 'ticket', 'info'], config };
}

const REFUSED: Array<[string, Options, string]> = [
  ['a zero repeat interval on the root route', withRoute({ repeatInterval: '0s' }), 'routing/interval'],
  ['a zero group interval on a child route', withChild({ groupInterval: '0m' }), 'routing/interval'],
  ["'...' listed with other labels", withRoute({ groupBy: ['...', 'team'] }), 'routing/group-by'],
  ['a label grouped by twice', withRoute({ groupBy: ['team', 'team'] }), 'routing/group-by'],
  ['an invalid label name in groupBy', withRoute({ groupBy: ['app-name'] }), 'routing/group-by'],
  ['a route matcher on an invalid label name', withChild({ matchers: { 'app-name': 'x' } }), 'routing/label-name'],
  ['an inhibition equal on an invalid label name', { ...base, inhibitions: [{ reason: 'r', source: { severity: 'page' }, target: { severity: 'ticket' }, equal: ['app-name'] }] }, 'routing/label-name'],
  ['a time range that ends before it starts', withInterval({ times: [{ start: '17:00', end: '09:00' }] }), 'routing/time-interval'],
  ['a time range that ends when it starts', withInterval({ times: [{ start: '09:00', end: '09:00' }] }), 'routing/time-interval'],
  ['a location that is no time zone', withInterval({ location: 'Mars/Phobos' }), 'routing/time-interval'],
  ['a time zone in the wrong case', withInterval({ location: 'utc' }), 'routing/time-interval'],
  ['an unknown weekday', withInterval({ weekdays: ['funday'] }), 'routing/time-interval'],
  ['a weekday range backwards', withInterval({ weekdays: ['friday:monday'] }), 'routing/time-interval'],
  ['day 0 of the month', withInterval({ daysOfMonth: ['0'] }), 'routing/time-interval'],
  ['a day range backwards', withInterval({ daysOfMonth: ['5:2'] }), 'routing/time-interval'],
  ['a day range from the end to the start', withInterval({ daysOfMonth: ['-3:5'] }), 'routing/time-interval'],
  ['a day range backwards in February', withInterval({ daysOfMonth: ['26:-3'] }), 'routing/time-interval'],
  ['an abbreviated month', withInterval({ months: ['jan'] }), 'routing/time-interval'],
  ['a month range backwards', withInterval({ months: ['may:february'] }), 'routing/time-interval'],
  ['a year range backwards', withInterval({ years: ['2020:2019'] }), 'routing/time-interval'],
  ['a year range without an end', withInterval({ years: ['2020:'] }), 'routing/time-interval'],
  ['a javascript: webhook URL', withReceiver(hookTo('javascript:alert(1)')), 'routing/receiver-url'],
  ['an ftp: webhook URL', withReceiver(hookTo('ftp://files.internal/am')), 'routing/receiver-url'],
  ['a webhook URL without a host', withReceiver(hookTo('http:///am')), 'routing/receiver-url'],
  ['a webhook URL with a bad escape', withReceiver(hookTo('http://hooks.internal/%zz')), 'routing/receiver-url'],
  ['an empty webhook URL', withReceiver(hookTo('')), 'routing/receiver-url'],
  ['a PagerDuty URL that is not http', withReceiver(pagerduty({ name: 'pd', severities: ['page', 'ticket', 'info'], routingKeyFile: '/k', extra: { url: 'javascript:x' } })), 'routing/receiver-url'],
  ['an email receiver without a recipient', withReceiver(byHand({ email_configs: [{ from: 'am@example.com', smarthost: 'smtp.example.com:587' }] })), 'routing/receiver-field'],
  ['an email smarthost without a port', withReceiver(byHand({ email_configs: [{ to: 'a@example.com', from: 'am@example.com', smarthost: 'smtp.example.com' }] })), 'routing/receiver-field'],
];

const ACCEPTED: Array<[string, Options]> = [
  ['intervals above zero and a group wait of zero', withRoute({ groupWait: '0s', groupInterval: '5m', repeatInterval: '4h' })],
  ["'...' alone", withRoute({ groupBy: '...' })],
  ["['...'] alone", withRoute({ groupBy: ['...'] })],
  ['a whole day and a named, aliased zone', withInterval({ times: [{ start: '00:00', end: '24:00' }], location: 'US/Eastern' })],
  ['weekday, day, month and year ranges', withInterval({ weekdays: ['Monday:friday'], daysOfMonth: ['1:-1', '-3:-1', '5:-3'], months: ['January:3'], years: ['2024:2030'], location: 'Europe/Kyiv' })],
  ['an https webhook with credentials in its URL', withReceiver(hookTo('https://user@hooks.internal:8443/am?x=1'))],
  ['an email receiver with every field it needs', withReceiver(byHand({ email_configs: [{ to: 'a@example.com', from: 'am@example.com', smarthost: 'smtp.example.com:587' }] }))],
];

const NEW_CODES = new Set(['routing/interval', 'routing/group-by', 'routing/label-name', 'routing/time-interval', 'routing/receiver-url', 'routing/receiver-field']);

function codes(options: Options): string[] {
  return checkRouting(defineRouting(options), []).diagnostics.filter((d) => NEW_CODES.has(d.code)).map((d) => d.code);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-amtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** amtool check-config over the config generate would write for `options`, checks ignored. */
async function amtoolAccepts(options: Options): Promise<{ ok: boolean; output: string }> {
  const routing = defineRouting(options);
  const caseDir = path.join(dir, String(n++));
  mkdirSync(path.join(caseDir, path.dirname(TEMPLATES_FILE)), { recursive: true });
  writeFileSync(path.join(caseDir, 'alertmanager.yml'), alertmanagerConfig(routing, routingInhibitions(routing), 'test'));
  writeFileSync(path.join(caseDir, TEMPLATES_FILE), templatesFile(routing, 'test'));
  const run = await runTool(AMTOOL, ['check-config', 'alertmanager.yml'], caseDir);
  return { ok: run.ok, output: run.output };
}

describe('routing fields amtool refuses', () => {
  it.each(REFUSED)('refuse %s, as amtool check-config does', async (_name, options, code) => {
    expect(codes(options)).toEqual([code]);
    const amtool = await amtoolAccepts(options);
    expect(amtool.ok, amtool.output).toBe(false);
  });

  it.each(ACCEPTED)('accept %s, as amtool check-config does', async (_name, options) => {
    expect(codes(options)).toEqual([]);
    const amtool = await amtoolAccepts(options);
    expect(amtool.ok, amtool.output).toBe(true);
  });

  it('name the field and the definition in the diagnostic', () => {
    const [d] = checkRouting(defineRouting(withInterval({ location: 'Mars/Phobos' })), []).diagnostics.filter((x) => x.code === 'routing/time-interval');
    expect(d).toMatchObject({ path: 'routing.timeIntervals.quiet[0].location', file: expect.stringContaining('amtoolRefusals.test.ts'), line: expect.any(Number) });
    expect(d!.message).toBe('"Mars/Phobos" is not a time zone of the IANA database');
  });
});

describe("time zones as Go's time.LoadLocation reads them", () => {
  it.each([
    ['UTC', true], ['Local', true], ['', true], ['Europe/London', true], ['America/Argentina/Buenos_Aires', true], ['Etc/GMT+5', true], ['EST5EDT', true],
    ['utc', false], ['europe/london', false], ['Mars/Phobos', false], ['Europe', false],
  ] as const)('%j: %s', (name, ok) => {
    expect(isGoLocation(name)).toBe(ok);
  });
});
