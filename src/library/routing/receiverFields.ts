import { defineCheck } from '../diagnostics/check.js';
import type { Receiver } from './receivers.js';
import { RECEIVER_REQUIREMENTS } from './receiverRequirements.js';
import type { RoutingFinding } from './routeFields.js';

export const routingReceiverUrl = defineCheck({
  id: 'routing/receiver-url',
  severity: 'error',
  title: "A receiver's endpoint URLs are http(s) URLs with a host",
  why: 'Alertmanager 0.25 parses these fields as URLs and refuses any other scheme (javascript:, ftp:), a URL without a host or one Go cannot parse; the whole config fails to load.',
  refusedBy: 'Alertmanager',
});
export const routingReceiverField = defineCheck({
  id: 'routing/receiver-field',
  severity: 'error',
  title: 'A receiver sets the fields Alertmanager requires of it',
  why: 'Alertmanager refuses a PagerDuty receiver without a routing or service key, a webhook without a URL, an email receiver without a recipient, sender and smarthost, a Slack receiver without its URL... (lookout writes no global defaults for them), and any receiver kind it does not know; the whole config fails to load.',
  refusedBy: 'Alertmanager',
});

/** The fields Alertmanager 0.25 reads as URLs (config.URL), by receiver type. */
const URL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  webhook_configs: ['url'],
  slack_configs: ['api_url'],
  pagerduty_configs: ['url'],
  opsgenie_configs: ['api_url'],
  victorops_configs: ['api_url'],
  wechat_configs: ['api_url'],
  telegram_configs: ['api_url'],
  discord_configs: ['webhook_url'],
};

/** Why Go's url.Parse plus Alertmanager's own check would refuse `value`, if it would. */
export function urlProblem(value: string): string | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase() ?? '';
  if (scheme !== 'http' && scheme !== 'https') return scheme ? `its scheme "${scheme}" is not http or https` : 'it has no http:// or https:// scheme';
  if (/[\s\x00-\x1f\x7f]/.test(value)) return 'it contains whitespace or a control character';
  if (/%(?![0-9a-fA-F]{2})/.test(value)) return 'it has a % that is not followed by two hex digits';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a valid URL';
  }
  if (!/^[a-zA-Z]+:\/\/[^/?#]/.test(value) || url.host === '') return 'it has no host';
  return undefined;
}

function entries(config: Readonly<Record<string, unknown>>, type: string): Array<Record<string, unknown>> {
  const list = config[type];
  return Array.isArray(list) ? list.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object') : [];
}

/** URL fields of every receiver config entry. */
export function receiverUrlFindings(r: Receiver): RoutingFinding[] {
  const out: RoutingFinding[] = [];
  for (const [type, fields] of Object.entries(URL_FIELDS)) {
    entries(r.config, type).forEach((entry, i) => {
      for (const field of fields) {
        const value = entry[field];
        if (typeof value !== 'string') continue;
        const problem = urlProblem(value);
        if (problem) out.push({ path: `${r.name}.${type}[${i}].${field}`, message: `receiver "${r.name}": ${field} "${value}" is refused by Alertmanager: ${problem}`, hint: 'use an http:// or https:// URL with a host' });
      }
    });
  }
  return out;
}

/**
 * Required fields lookout's receivers might leave out (an empty file name, through `extra`, or
 * a receiver written by hand), and receiver kinds Alertmanager does not know.
 */
export function receiverFieldFindings(r: Receiver): RoutingFinding[] {
  const out: RoutingFinding[] = [];
  for (const type of Object.keys(r.config)) {
    const requirements = RECEIVER_REQUIREMENTS[type];
    if (!requirements) {
      out.push({ path: `${r.name}.${type}`, message: `receiver "${r.name}": Alertmanager 0.25 has no receiver kind \`${type}\``, hint: `use one of ${Object.keys(RECEIVER_REQUIREMENTS).join(', ')}` });
      continue;
    }
    entries(r.config, type).forEach((entry, i) => {
      for (const p of requirements(entry)) out.push({ path: `${r.name}.${type}[${i}].${p.field}`, message: `receiver "${r.name}": ${p.message}`, hint: p.hint });
    });
  }
  return out;
}
