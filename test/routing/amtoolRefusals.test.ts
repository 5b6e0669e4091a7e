import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerConfig, templatesFile, TEMPLATES_FILE } from '../../src/engine/compiler/emit/alertmanagerConfig.js';
import { routingInhibitions } from '../../src/engine/compiler/routing.js';
import { AMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import type { Receiver } from '../../src/library/routing/receivers.js';
import { checkRouting } from '../../src/library/routing/checks/index.js';
import { isGoLocation } from '../../src/library/routing/checks/timeInterval.js';
import { defineRouting, pagerduty, slack, webhook, type RoutingOptions } from '../../src/library/index.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

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
/** One entry of a receiver kind, written by hand. */
function one(type: string, entry: Record<string, unknown>): Options {
  return withReceiver(byHand({ [type]: [entry] }));
}
const all = ['page', 'ticket', 'info'] as const;

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
  ['a PagerDuty receiver with an empty routing key file', withReceiver(pagerduty({ name: 'pd', severities: all, routingKeyFile: '' })), 'routing/receiver-field'],
  ['a PagerDuty receiver with a routing key both inline and in a file', one('pagerduty_configs', { routing_key: 'k', routing_key_file: '/k' }), 'routing/receiver-field'],
  ['a PagerDuty receiver with a service key both inline and in a file', one('pagerduty_configs', { service_key: 'k', service_key_file: '/k' }), 'routing/receiver-field'],
  ['a Slack receiver with an empty URL file', withReceiver(slack({ name: 'chat', severities: all, apiUrlFile: '', channel: '#x' })), 'routing/receiver-field'],
  ['a Slack receiver with its URL both inline and in a file', one('slack_configs', { api_url: 'https://chat.internal/hook', api_url_file: '/k' }), 'routing/receiver-field'],
  ['a Slack field without a value', one('slack_configs', { api_url_file: '/k', fields: [{ title: 't' }] }), 'routing/receiver-field'],
  ['a Slack action without a url or name', one('slack_configs', { api_url_file: '/k', actions: [{ type: 'button', text: 't' }] }), 'routing/receiver-field'],
  ['a Slack action without a type', one('slack_configs', { api_url_file: '/k', actions: [{ text: 't', url: 'https://x.internal' }] }), 'routing/receiver-field'],
  ['an email header set twice in different case', one('email_configs', { to: 'a@example.com', from: 'am@example.com', smarthost: 'smtp.example.com:587', headers: { subject: 'a', Subject: 'b' } }), 'routing/receiver-field'],
  ['an OpsGenie receiver without an API key', one('opsgenie_configs', { message: 'm' }), 'routing/receiver-field'],
  ['an OpsGenie responder without id, username or name', one('opsgenie_configs', { api_key_file: '/k', responders: [{ type: 'team' }] }), 'routing/receiver-field'],
  ['an OpsGenie responder of an unknown type', one('opsgenie_configs', { api_key_file: '/k', responders: [{ type: 'squad', name: 'x' }] }), 'routing/receiver-field'],
  ['a VictorOps receiver without a routing key', one('victorops_configs', { api_key_file: '/k' }), 'routing/receiver-field'],
  ['a VictorOps receiver without an API key', one('victorops_configs', { routing_key: 'r' }), 'routing/receiver-field'],
  ['a VictorOps custom field Alertmanager sets itself', one('victorops_configs', { routing_key: 'r', api_key_file: '/k', custom_fields: { entity_state: 'x' } }), 'routing/receiver-field'],
  ['a WeChat receiver without a corp id', one('wechat_configs', { api_secret: 's' }), 'routing/receiver-field'],
  ['a WeChat message type that is not text or markdown', one('wechat_configs', { api_secret: 's', corp_id: 'c', message_type: 'html' }), 'routing/receiver-field'],
  ['a Pushover receiver without a token', one('pushover_configs', { user_key: 'u' }), 'routing/receiver-field'],
  ['an SNS receiver without a target', one('sns_configs', { message: 'm' }), 'routing/receiver-field'],
  ['an SNS receiver with two targets', one('sns_configs', { topic_arn: 'arn:aws:sns:eu-west-1:1:t', phone_number: '+1555' }), 'routing/receiver-field'],
  ['a Telegram receiver without a chat id', one('telegram_configs', { bot_token: 'b' }), 'routing/receiver-field'],
  ['a Telegram parse mode Telegram does not have', one('telegram_configs', { bot_token: 'b', chat_id: 1, parse_mode: 'markdown' }), 'routing/receiver-field'],
  ['a Discord receiver without a webhook URL', one('discord_configs', { title: 't' }), 'routing/receiver-field'],
  ['a Webex receiver without authorization', one('webex_configs', { room_id: 'r' }), 'routing/receiver-field'],
  ['a receiver kind Alertmanager 0.25 does not have', one('teams_configs', { webhook_url: 'https://x.internal' }), 'routing/receiver-field'],
  ['an email smarthost without a port', withReceiver(byHand({ email_configs: [{ to: 'a@example.com', from: 'am@example.com', smarthost: 'smtp.example.com' }] })), 'routing/receiver-field'],
];

const ACCEPTED: Array<[string, Options]> = [
  ['intervals above zero and a group wait of zero', withRoute({ groupWait: '0s', groupInterval: '5m', repeatInterval: '4h' })],
  ["'...' alone", withRoute({ groupBy: '...' })],
  ["['...'] alone", withRoute({ groupBy: ['...'] })],
  ['a whole day and a named, aliased zone', withInterval({ times: [{ start: '00:00', end: '24:00' }], location: 'US/Eastern' })],
  ['weekday, day, month and year ranges', withInterval({ weekdays: ['Monday:friday'], daysOfMonth: ['1:-1', '-3:-1', '5:-3'], months: ['January:3'], years: ['2024:2030'], location: 'Europe/Kyiv' })],
  ['an https webhook with credentials in its URL', withReceiver(hookTo('https://user@hooks.internal:8443/am?x=1'))],
  ['a PagerDuty receiver with a service key file', one('pagerduty_configs', { service_key_file: '/k' })],
  ['a PagerDuty receiver with a routing key and a service key', one('pagerduty_configs', { routing_key_file: '/k', service_key: 's' })],
  ['a Slack receiver with an empty channel, fields and a named action', one('slack_configs', { api_url_file: '/k', channel: '', fields: [{ title: 't', value: 'v' }], actions: [{ type: 'button', text: 't', name: 'n' }] })],
  ['OpsGenie responders in any case, or templated', one('opsgenie_configs', { api_key_file: '/k', responders: [{ type: 'Team', name: 'x' }, { type: '{{ .CommonLabels.kind }}', id: 'y' }] })],
  ['a VictorOps receiver with a custom field of its own', one('victorops_configs', { routing_key: 'r', api_key_file: '/k', custom_fields: { region: 'eu' } })],
  ['a WeChat receiver in markdown', one('wechat_configs', { api_secret: 's', corp_id: 'c', message_type: 'markdown' })],
  ['a Pushover receiver', one('pushover_configs', { user_key: 'u', token: 't' })],
  ['an SNS receiver with a phone number', one('sns_configs', { phone_number: '+1555' })],
  ['an SNS receiver with all three targets (amtool counts the empty ones)', one('sns_configs', { topic_arn: 'arn:aws:sns:eu-west-1:1:t', target_arn: 'arn:aws:sns:eu-west-1:1:u', phone_number: '+1555' })],
  ['a Telegram receiver with an empty parse mode', one('telegram_configs', { bot_token: 'b', chat_id: 1, parse_mode: '' })],
  ['a Discord receiver', one('discord_configs', { webhook_url: 'https://discord.internal/hook' })],
  ['a Webex receiver with a token file', one('webex_configs', { room_id: 'r', http_config: { authorization: { credentials_file: '/k' } } })],
  ['email headers that differ', one('email_configs', { to: 'a@example.com', from: 'am@example.com', smarthost: 'smtp.example.com:587', headers: { subject: 'a', To: 'b' } })],
  ['an email receiver with every field it needs', withReceiver(byHand({ email_configs: [{ to: 'a@example.com', from: 'am@example.com', smarthost: 'smtp.example.com:587' }] }))],
];

const NEW_CODES = new Set(['routing/interval', 'routing/group-by', 'routing/label-name', 'routing/time-interval', 'routing/receiver-url', 'routing/receiver-field']);

function codes(options: Options): string[] {
  return checkRouting(defineRouting(options), [], goSemantics).diagnostics.filter((d) => NEW_CODES.has(d.code)).map((d) => d.code);
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
    const [d] = checkRouting(defineRouting(withInterval({ location: 'Mars/Phobos' })), [], goSemantics).diagnostics.filter((x) => x.code === 'routing/time-interval');
    expect(d).toMatchObject({ path: 'routing.timeIntervals.quiet[0].location', file: expect.stringContaining('amtoolRefusals.test.ts'), line: expect.any(Number) });
    expect(d!.message).toBe('"Mars/Phobos" is not a time zone of the IANA database');
  });

  it("name the receiver's missing field at the receiver's line", () => {
    const receiver = pagerduty({ name: 'pd', severities: all, routingKeyFile: '' });
    const [d] = checkRouting(defineRouting(withReceiver(receiver)), [], goSemantics).diagnostics.filter((x) => x.code === 'routing/receiver-field');
    expect(d).toMatchObject({ path: 'pd.pagerduty_configs[0].routing_key_file', file: receiver.source!.file, line: receiver.source!.line });
    expect(d!.file).toContain('amtoolRefusals.test.ts');
    expect(d!.message).toBe('receiver "pd": a PagerDuty receiver needs one of routing_key_file, routing_key, service_key_file, service_key');
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
