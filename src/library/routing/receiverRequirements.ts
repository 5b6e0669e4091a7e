/**
 * What Alertmanager 0.25 requires of each kind of receiver entry before it loads a config,
 * learnt from the real amtool check-config. lookout writes no `global:` defaults (SMTP,
 * Slack URL, API keys), so each field a global could supply is required on the entry itself.
 */

type Entry = Record<string, unknown>;

/** A problem with one field of one entry. */
export interface EntryProblem {
  field: string;
  message: string;
  hint?: string;
}

/** What amtool reads as unset: Go's zero value after YAML decoding. */
const unset = (v: unknown) => v === undefined || v === null || v === '' || v === 0 || v === false;

/** At least one of `fields` set, at most one of each inline/_file pair among them. */
function needsOne(what: string, fields: readonly string[], hint?: string): (e: Entry) => EntryProblem[] {
  return (e) => {
    const out: EntryProblem[] = [];
    if (fields.every((f) => unset(e[f]))) out.push({ field: fields[0]!, message: `${what} needs one of ${fields.join(', ')}`, hint });
    for (const f of fields) {
      if (!f.endsWith('_file') && !unset(e[f]) && !unset(e[`${f}_file`])) out.push({ field: f, message: `${what} sets both ${f} and ${f}_file; Alertmanager takes at most one` });
    }
    return out;
  };
}

function needs(what: string, field: string, hint?: string): (e: Entry) => EntryProblem[] {
  return (e) => (unset(e[field]) ? [{ field, message: `${what} needs \`${field}\``, hint }] : []);
}

/** A URL field: an empty one is the URL check's to report, as amtool refuses it as a URL. */
function needsUrl(what: string, field: string): (e: Entry) => EntryProblem[] {
  return (e) => (e[field] === undefined || e[field] === null ? [{ field, message: `${what} needs \`${field}\`` }] : []);
}

function oneOfValues(what: string, field: string, allowed: readonly string[]): (e: Entry) => EntryProblem[] {
  return (e) => {
    const v = e[field];
    return unset(v) || allowed.includes(String(v)) ? [] : [{ field, message: `${what}: ${field} "${String(v)}" is not one of ${allowed.join(', ')}` }];
  };
}

function list(e: Entry, field: string): Entry[] {
  const v = e[field];
  return Array.isArray(v) ? v.filter((x): x is Entry => !!x && typeof x === 'object') : [];
}

const NO_GLOBALS = 'lookout writes no global settings for Alertmanager to fall back on';

function email(e: Entry): EntryProblem[] {
  const out = ['to', 'from', 'smarthost'].flatMap((f) => needs('an email receiver', f, NO_GLOBALS)(e));
  const host = e.smarthost;
  if (typeof host === 'string' && host !== '' && !/:\d+$/.test(host)) out.push({ field: 'smarthost', message: `smarthost "${host}" has no port`, hint: 'write host:port, e.g. smtp.example.com:587' });
  const headers = e.headers && typeof e.headers === 'object' ? Object.keys(e.headers) : [];
  // Alertmanager title-cases header names, so Subject and subject are the same header.
  const seen = new Set<string>();
  for (const h of headers) {
    const key = h.toLowerCase();
    if (seen.has(key)) out.push({ field: `headers.${h}`, message: `header "${h}" is set twice (header names ignore case)` });
    seen.add(key);
  }
  return out;
}

function slack(e: Entry): EntryProblem[] {
  const out = needsOne('a Slack receiver', ['api_url', 'api_url_file'], NO_GLOBALS)(e);
  list(e, 'fields').forEach((f, i) => {
    for (const k of ['title', 'value']) if (unset(f[k])) out.push({ field: `fields[${i}].${k}`, message: `a Slack field needs \`${k}\`` });
  });
  list(e, 'actions').forEach((a, i) => {
    for (const k of ['type', 'text']) if (unset(a[k])) out.push({ field: `actions[${i}].${k}`, message: `a Slack action needs \`${k}\`` });
    if (unset(a.url) && unset(a.name)) out.push({ field: `actions[${i}].url`, message: 'a Slack action needs `url` or `name`' });
  });
  return out;
}

const OPSGENIE_RESPONDER_TYPES = /^(team|teams|user|escalation|schedule)$/;

function opsgenie(e: Entry): EntryProblem[] {
  const out = needsOne('an OpsGenie receiver', ['api_key', 'api_key_file'], NO_GLOBALS)(e);
  list(e, 'responders').forEach((r, i) => {
    if (unset(r.id) && unset(r.username) && unset(r.name)) out.push({ field: `responders[${i}]`, message: 'an OpsGenie responder needs one of id, username, name' });
    const type = typeof r.type === 'string' ? r.type : '';
    if (!type.includes('{{') && !OPSGENIE_RESPONDER_TYPES.test(type.toLowerCase())) out.push({ field: `responders[${i}].type`, message: `OpsGenie responder type "${type}" is not team, teams, user, escalation or schedule` });
  });
  return out;
}

/** Fields VictorOps fills itself; Alertmanager refuses custom fields of these names. */
const VICTOROPS_RESERVED = ['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state'];

function victorops(e: Entry): EntryProblem[] {
  const out = [...needs('a VictorOps receiver', 'routing_key')(e), ...needsOne('a VictorOps receiver', ['api_key', 'api_key_file'], NO_GLOBALS)(e)];
  const custom = e.custom_fields && typeof e.custom_fields === 'object' ? Object.keys(e.custom_fields) : [];
  for (const k of custom.filter((c) => VICTOROPS_RESERVED.includes(c))) out.push({ field: `custom_fields.${k}`, message: `VictorOps custom field "${k}" clashes with a field Alertmanager sets` });
  return out;
}

/**
 * Alertmanager's SNS check is `(target == "") != (topic == "") != (phone == "")`: it refuses
 * an entry when an odd number of the three is empty (none set, or exactly two).
 */
function sns(e: Entry): EntryProblem[] {
  const empty = ['target_arn', 'topic_arn', 'phone_number'].filter((f) => unset(e[f])).length;
  return empty % 2 === 1 ? [{ field: 'topic_arn', message: 'an SNS receiver needs exactly one of target_arn, topic_arn, phone_number' }] : [];
}

function webex(e: Entry): EntryProblem[] {
  const http = e.http_config && typeof e.http_config === 'object' ? (e.http_config as Entry) : {};
  const out = needs('a Webex receiver', 'room_id')(e);
  if (unset(http.authorization)) out.push({ field: 'http_config.authorization', message: 'a Webex receiver needs http_config.authorization (its bot token)' });
  return out;
}

/** By receiver list key, the problems of one entry. */
export const RECEIVER_REQUIREMENTS: Readonly<Record<string, (e: Entry) => EntryProblem[]>> = {
  webhook_configs: needsUrl('a webhook', 'url'),
  email_configs: email,
  pagerduty_configs: needsOne('a PagerDuty receiver', ['routing_key_file', 'routing_key', 'service_key_file', 'service_key'], 'set routingKeyFile to the file holding the Events API v2 integration key'),
  slack_configs: slack,
  opsgenie_configs: opsgenie,
  victorops_configs: victorops,
  wechat_configs: (e) => [...['api_secret', 'corp_id'].flatMap((f) => needs('a WeChat receiver', f, NO_GLOBALS)(e)), ...oneOfValues('a WeChat receiver', 'message_type', ['text', 'markdown'])(e)],
  pushover_configs: (e) => ['user_key', 'token'].flatMap((f) => needs('a Pushover receiver', f)(e)),
  sns_configs: sns,
  telegram_configs: (e) => [...['bot_token', 'chat_id'].flatMap((f) => needs('a Telegram receiver', f)(e)), ...oneOfValues('a Telegram receiver', 'parse_mode', ['Markdown', 'MarkdownV2', 'HTML'])(e)],
  discord_configs: needsUrl('a Discord receiver', 'webhook_url'),
  webex_configs: webex,
};
