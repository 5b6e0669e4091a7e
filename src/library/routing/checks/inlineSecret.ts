import { defineCheck } from '../../diagnostics/check.js';
import type { Receiver } from '../receivers.js';
import type { RoutingContext } from './context.js';
import type { ReceiverString } from './receiverStrings.js';

export const routingInlineSecret = defineCheck({
  id: 'routing/inline-secret',
  severity: 'error',
  title: 'Receivers read secrets from files, never inline',
  why: 'Generated files are committed: a key written into them is leaked to everyone with the repository.',
});

/** Config keys that hold a secret in Alertmanager's receivers; each has a `_file` variant lookout uses. */
const SECRET_KEYS = new Set(['api_url', 'routing_key', 'service_key', 'api_key', 'password', 'bearer_token', 'credentials', 'token', 'secret', 'auth_password', 'auth_secret']);
const SECRET_PARAM = /token|key|secret|password|passwd|sig|auth/i;

function inlineSecret(key: string, value: string): string | undefined {
  if (SECRET_KEYS.has(key)) return `\`${key}\` holds the secret itself`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.password) return 'the URL carries a password';
  const param = [...url.searchParams.keys()].find((k) => SECRET_PARAM.test(k));
  if (param) return `the URL carries \`${param}\` in its query`;
  // Slack and similar incoming-webhook URLs are secrets by themselves.
  if (/hooks\.slack\.com|outlook\.office\.com\/webhook|discord(app)?\.com\/api\/webhooks/.test(value)) return 'the URL is an incoming-webhook secret';
  return undefined;
}

export function checkInlineSecret(ctx: RoutingContext, r: Receiver, s: ReceiverString): void {
  const secret = inlineSecret(s.key, s.value);
  if (!secret) return;
  ctx.report(routingInlineSecret, { source: r.source, path: s.path }, `receiver "${r.name}": ${secret}`, 'mount the secret as a file and use the receiver\'s *File option (routingKeyFile, apiUrlFile, credentialsFile)');
}
