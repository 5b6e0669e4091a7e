import type { Severity } from '../alerts/define.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { captureSource } from '../source.js';

/**
 * Where notifications go. Besides Alertmanager's own fields, each receiver says what it is
 * for: the severities it takes and, optionally, the team it belongs to. lookout checks every
 * alert against that intent (a page that lands in a ticket channel is an error) and writes a
 * route test per alert from it.
 */
export interface Receiver<N extends string = string> {
  readonly kind: 'receiver';
  readonly name: N;
  /** The severities this receiver is meant for. */
  readonly severities: readonly Severity[];
  /** The team it belongs to; alerts labelled with another team must not reach it. */
  readonly team?: string | undefined;
  /** Its entry in Alertmanager's `receivers:` list, without the name. */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * What the builder was given beyond its types, for routing/receiver-option: options it does
   * not read (they would be dropped without a word) and a `sendResolved` that is no boolean.
   */
  readonly misread?: { readonly unknown: readonly string[]; readonly known: readonly string[]; readonly sendResolved?: string } | undefined;
  readonly source?: SourceLocation | undefined;
}

interface ReceiverOptions<N extends string> {
  name: N;
  /** The severities this receiver is meant for. */
  severities: readonly Severity[];
  team?: string;
  /** Also notify when the alert resolves. Default true. */
  sendResolved?: boolean;
}

/** The options every builder reads; each adds its own. */
const COMMON_OPTIONS = ['name', 'severities', 'team', 'sendResolved'];

/**
 * `known` is every option the builder reads. TypeScript refuses others in an object literal,
 * but not in a spread or a cast; they are kept aside for a check rather than dropped.
 */
function receiver<N extends string>(options: ReceiverOptions<N>, config: Record<string, unknown>, known: readonly string[]): Receiver<N> {
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  // discard() reads no sendResolved: given anyway, it is an unknown option, reported once.
  const badResolved = known.includes('sendResolved') && options.sendResolved !== undefined && typeof options.sendResolved !== 'boolean';
  // As text: a definition may pass anything, and the model must stay plain data.
  const given: unknown = options.sendResolved;
  const resolved = badResolved ? { sendResolved: typeof given === 'string' ? JSON.stringify(given.slice(0, 40)) : `a ${typeof given} (${String(given).slice(0, 40)})` } : {};
  const misread = unknown.length > 0 || badResolved ? { unknown, known, ...resolved } : undefined;
  return { kind: 'receiver', name: options.name, severities: [...options.severities], team: options.team, config, misread, source: captureSource() };
}

/** Drops anything in undefined fields, so the config holds only what was set. */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

export interface PagerDutyOptions<N extends string> extends ReceiverOptions<N> {
  /** File holding the Events API v2 integration (routing) key, mounted from a secret. */
  routingKeyFile: string;
  /** PagerDuty severity: critical, error, warning or info (templated). Default "critical". */
  severity?: string;
  /** Incident title (templated). Default: lookout's title template. */
  description?: string;
  /** Extra incident details (templated values). lookout adds summary, runbook and dashboard. */
  details?: Readonly<Record<string, string>>;
  /** Alertmanager fields lookout does not model, written as given (no secrets: they are refused). */
  extra?: Readonly<Record<string, unknown>>;
}

/** A PagerDuty service via the Events API v2; the routing key is read from a file. */
export function pagerduty<const N extends string>(options: PagerDutyOptions<N>): Receiver<N> {
  return receiver(options, {
    pagerduty_configs: [
      defined({
        routing_key_file: options.routingKeyFile,
        send_resolved: options.sendResolved ?? true,
        severity: options.severity ?? 'critical',
        description: options.description ?? '{{ template "lookout.title" . }}',
        details: {
          summary: '{{ template "lookout.summary" . }}',
          firing: '{{ template "lookout.text" . }}',
          runbook: '{{ template "lookout.runbook" . }}',
          dashboard: '{{ template "lookout.dashboard" . }}',
          ...(options.details ?? {}),
        },
        ...(options.extra ?? {}),
      }),
    ],
  }, [...COMMON_OPTIONS, 'routingKeyFile', 'severity', 'description', 'details', 'extra']);
}

export interface SlackOptions<N extends string> extends ReceiverOptions<N> {
  /** File holding the incoming-webhook URL, mounted from a secret. */
  apiUrlFile: string;
  /** `#channel` or `@user`. */
  channel: string;
  /** Message title (templated). Default: lookout's title template. */
  title?: string;
  /** Message body (templated). Default: lookout's text template. */
  text?: string;
  extra?: Readonly<Record<string, unknown>>;
}

/** A Slack channel through an incoming webhook whose URL is read from a file. */
export function slack<const N extends string>(options: SlackOptions<N>): Receiver<N> {
  return receiver(options, {
    slack_configs: [
      defined({
        api_url_file: options.apiUrlFile,
        channel: options.channel,
        send_resolved: options.sendResolved ?? true,
        color: '{{ template "lookout.slack.color" . }}',
        title: options.title ?? '{{ template "lookout.title" . }}',
        title_link: '{{ template "lookout.runbook" . }}',
        text: options.text ?? '{{ template "lookout.text" . }}',
        ...(options.extra ?? {}),
      }),
    ],
  }, [...COMMON_OPTIONS, 'apiUrlFile', 'channel', 'title', 'text', 'extra']);
}

export interface WebhookOptions<N extends string> extends ReceiverOptions<N> {
  /** Where Alertmanager POSTs its JSON; no credentials in it (use `credentialsFile`). */
  url: string;
  /** File holding a bearer token, sent as `Authorization: Bearer <token>`. */
  credentialsFile?: string;
  /** At most this many alerts per message; 0 means all. */
  maxAlerts?: number;
  extra?: Readonly<Record<string, unknown>>;
}

/** A generic webhook: Alertmanager's JSON payload POSTed to a URL. */
export function webhook<const N extends string>(options: WebhookOptions<N>): Receiver<N> {
  return receiver(options, {
    webhook_configs: [
      defined({
        url: options.url,
        send_resolved: options.sendResolved ?? true,
        max_alerts: options.maxAlerts,
        http_config: options.credentialsFile ? { authorization: { type: 'Bearer', credentials_file: options.credentialsFile } } : undefined,
        ...(options.extra ?? {}),
      }),
    ],
  }, [...COMMON_OPTIONS, 'url', 'credentialsFile', 'maxAlerts', 'extra']);
}

/** A receiver that notifies nobody: for alerts that only show on dashboards. */
export function discard<const N extends string>(options: Omit<ReceiverOptions<N>, 'sendResolved'>): Receiver<N> {
  return receiver(options, {}, COMMON_OPTIONS.filter((o) => o !== 'sendResolved'));
}
