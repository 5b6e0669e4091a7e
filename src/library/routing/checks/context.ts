import type { Check } from '../../diagnostics/check.js';
import type { Snippet, SourceLocation } from '../../diagnostics/diagnostic.js';
import type { Severity } from '../../alerts/define.js';
import type { Semantics } from '../../semantics.js';
import type { Routing } from '../define.js';
import type { Receiver } from '../receivers.js';

/** An alert as routing sees it before any series exists. */
export interface RoutedAlert {
  name: string;
  severity: Severity;
  /** alertname, severity, the rule's static labels and labels its query pins to one value. */
  labels: Readonly<Record<string, string>>;
  /** Labels the alert may carry whose values are known only at run time. */
  runtimeLabels: ReadonlySet<string>;
  /** Whether label inference knows every label the query can carry. */
  labelsComplete: boolean;
  source?: SourceLocation | undefined;
}

/** A problem in one field of the routing definition; the path is relative to `routing.`. */
export interface RoutingFinding {
  path: string;
  message: string;
  hint?: string | undefined;
  snippet?: Snippet;
}

/** Where a finding points: a definition's call site and the field path in it. */
export interface Site {
  source?: SourceLocation | undefined;
  path: string;
}

/** What every routing check sees: the definition, the project's alerts, and how to report. */
export interface RoutingContext {
  readonly routing: Routing;
  readonly alerts: readonly RoutedAlert[];
  /** Go's regexps and templates, as Alertmanager runs them; the compiler passes in the engine's. */
  readonly semantics: Semantics;
  /** Receivers by name; a repeated name keeps the last (routing/unknown-receiver reports it). */
  readonly receivers: ReadonlyMap<string, Receiver>;
  report(check: Check, site: Site, message: string, hint?: string, snippet?: Snippet): void;
  /** A field of the routing definition itself: `route.routes[0].receiver`. */
  at(path: string): Site;
}
