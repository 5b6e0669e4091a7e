import type { Catalog } from '../../library/catalog/define.js';
import type { AnyMetric } from '../../library/catalog/metric.js';
import type { Snippet, SourceLocation } from '../../library/diagnostics/diagnostic.js';

// What the project reads, as the lint checks see it; engine/compiler/reads.ts finds it in the
// loaded project.

/** A definition that reads metrics, as messages name it and diagnostics locate it. */
export interface Reader {
  readonly kind: 'alert' | 'recording rule' | 'SLO' | 'dashboard';
  readonly name: string;
  /** Diagnostic path of the field holding the queries: `GatewayHighErrorRate.expr`. */
  readonly path: string;
  readonly source?: SourceLocation | undefined;
  readonly queries: readonly string[];
  /**
   * Whether what it reads through recording rules counts as read by it. Alerts, SLOs and
   * dashboards consume what the rules record; a recording rule answers for its own selectors.
   */
  readonly throughRecordings: boolean;
  /** Whether the queries are the user's own text, worth underlining (an SLO's are derived from its SLI). */
  readonly ownText: boolean;
}

/** One catalog series a reader reads. */
export interface MetricRead {
  readonly reader: Reader;
  /** The series name selected: `gateway_request_duration_seconds_bucket`. */
  readonly series: string;
  readonly metric: AnyMetric;
  readonly catalog: Catalog;
  /** The recording rule it was read through, when not read directly. */
  readonly via?: string | undefined;
  /** The selector in the reader's own query (for a read through a rule, the rule's selector). */
  readonly snippet?: Snippet | undefined;
}
