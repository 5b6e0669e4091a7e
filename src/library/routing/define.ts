import type { Duration } from '../duration.js';
import type { Severity } from '../alerts/define.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { captureSource } from '../source.js';
import { keptIgnore, type Ignore } from '../diagnostics/ignore.js';
import type { RouteMatchers } from './matchers.js';
import type { Receiver } from './receivers.js';

/** How a route groups, waits and repeats; children inherit what they do not set. */
export interface RouteTimings {
  /** Labels that split alerts into notifications; `'...'` groups by every label. */
  groupBy?: readonly string[] | '...';
  /** How long to wait for more alerts of a new group before the first notification. */
  groupWait?: Duration;
  /** How long to wait before notifying about alerts added to a group already notified. */
  groupInterval?: Duration;
  /** How long before a notification still firing is sent again. */
  repeatInterval?: Duration;
}

/** One node of the route tree. `R` are the receiver names, `T` the time interval names. */
export interface Route<R extends string = string, T extends string = string> extends RouteTimings {
  /** The alerts this route takes: every matcher must hold. */
  matchers: RouteMatchers;
  /** Where its alerts go; the parent's receiver when omitted. */
  receiver?: R;
  /** Go on to the next sibling routes after this one matched (default false: stop here). */
  continue?: boolean;
  /** No notifications while any of these intervals is active. */
  muteTimeIntervals?: readonly T[];
  /** Notifications only while one of these intervals is active. */
  activeTimeIntervals?: readonly T[];
  routes?: readonly Route<R, T>[];
}

/** The root route: takes every alert and has a receiver for those no child takes. */
export interface RootRoute<R extends string = string, T extends string = string> extends RouteTimings {
  receiver: R;
  routes?: readonly Route<R, T>[];
}

/** While an alert matching `source` fires, alerts matching `target` with the same `equal` labels are not notified. */
export interface Inhibition {
  /** Why it exists, written above it in the generated config. */
  reason: string;
  source: RouteMatchers;
  target: RouteMatchers;
  /** Labels whose values must agree; both sides must carry them (lookout checks). */
  equal: readonly string[];
}

/** One time range of an interval, in Alertmanager's fields. */
export interface TimeRange {
  /** `HH:MM` pairs, end exclusive: `[{ start: '09:00', end: '17:00' }]`. */
  times?: readonly { start: string; end: string }[];
  /** `monday`, or ranges like `monday:friday`. */
  weekdays?: readonly string[];
  /** `1`, `1:15`, or negative days counted from the month's end (`-3:-1`). */
  daysOfMonth?: readonly string[];
  /** `january`, `1:3`. */
  months?: readonly string[];
  years?: readonly string[];
  /** IANA time zone, e.g. `Europe/London`; UTC when omitted. */
  location?: string;
}

/** A routing case written by hand: these labels must reach exactly these receivers, in order. */
export interface RouteTest<R extends string = string> {
  name: string;
  labels: Readonly<Record<string, string>>;
  receivers: readonly R[];
}

export interface RoutingOptions<R extends string, T extends string> {
  receivers: readonly Receiver<R>[];
  route: RootRoute<NoInfer<R>, NoInfer<T>>;
  inhibitions?: readonly Inhibition[];
  /** Also write the SLO engine's tier inhibitions (a faster tier silences slower ones). Default true. */
  sloTierInhibitions?: boolean;
  timeIntervals?: Readonly<Record<T, readonly TimeRange[]>>;
  /**
   * Notification templates by name, written as `{{ define "name" }}...{{ end }}`. lookout's own
   * (`lookout.title`, `lookout.text`, ...) are always there; a template of the same name replaces one.
   */
  templates?: Readonly<Record<string, string>>;
  /** How long an alert no longer updated by Prometheus counts as resolved. Default 5m. */
  resolveTimeout?: Duration;
  tests?: readonly RouteTest<NoInfer<R>>[];
  /** Checks silenced for the routing and its receivers, each with the reason. */
  ignore?: Ignore;
}

export interface Routing {
  readonly kind: 'routing';
  readonly receivers: readonly Receiver[];
  readonly route: RootRoute;
  readonly inhibitions: readonly Inhibition[];
  readonly sloTierInhibitions: boolean;
  readonly timeIntervals: Readonly<Record<string, readonly TimeRange[]>>;
  readonly templates: Readonly<Record<string, string>>;
  readonly resolveTimeout: Duration;
  readonly tests: readonly RouteTest[];
  readonly ignore?: Ignore | undefined;
  readonly source?: SourceLocation | undefined;
}

/**
 * Alertmanager's routing, as code: receivers with the severities they are for, the route
 * tree, inhibitions, time intervals, notification templates and routing cases. Export it from
 * a module under rules/; `lookout generate` writes generated/alertmanager/alertmanager.yml.
 * @example
 * export default defineRouting({
 *   receivers: [pagerduty({ name: 'pager', severities: ['page'], routingKeyFile: '/etc/am/pd-key' })],
 *   route: { receiver: 'pager', groupBy: ['alertname'] },
 * });
 */
export function defineRouting<const R extends string, const T extends string = never>(options: RoutingOptions<R, T>): Routing {
  return {
    kind: 'routing',
    receivers: [...options.receivers],
    route: options.route,
    inhibitions: [...(options.inhibitions ?? [])],
    sloTierInhibitions: options.sloTierInhibitions ?? true,
    timeIntervals: { ...((options.timeIntervals ?? {}) as Record<string, readonly TimeRange[]>) },
    templates: { ...(options.templates ?? {}) },
    resolveTimeout: options.resolveTimeout ?? '5m',
    tests: [...(options.tests ?? [])],
    ...keptIgnore(options.ignore),
    source: captureSource(),
  };
}

/** The severities a receiver takes, for messages. */
export function describeIntent(r: Receiver): string {
  return `${r.severities.join('/')}${r.team ? ` for team ${r.team}` : ''}`;
}

