import { defineCheck } from '../../diagnostics/check.js';
import type { Receiver } from '../receivers.js';
import type { RoutingContext } from './context.js';
import { receiverEntries } from './receiverEntries.js';

export const routingReceiverUrl = defineCheck({
  id: 'routing/receiver-url',
  severity: 'error',
  title: "A receiver's endpoint URLs are http(s) URLs with a host",
  why: 'Alertmanager 0.25 parses these fields as URLs and refuses any other scheme (javascript:, ftp:), a URL without a host or one Go cannot parse; the whole config fails to load.',
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

/** The URL fields of every config entry of receiver `r`, reported at the receiver's definition. */
export function checkReceiverUrls(ctx: RoutingContext, r: Receiver): void {
  for (const [type, fields] of Object.entries(URL_FIELDS)) {
    receiverEntries(r.config, type).forEach((entry, i) => {
      for (const field of fields) {
        const value = entry[field];
        if (typeof value !== 'string') continue;
        const problem = urlProblem(value);
        if (problem) ctx.report(routingReceiverUrl, { source: r.source, path: `${r.name}.${type}[${i}].${field}` }, `receiver "${r.name}": ${field} "${value}" is refused by Alertmanager: ${problem}`, 'use an http:// or https:// URL with a host');
      }
    });
  }
}
