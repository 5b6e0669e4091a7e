import type { Duration } from '../duration.js';
import type { LabelSet, LabelSpec, TargetLabel } from '../labels.js';
import type { Selector } from '../promql/builder/selector.js';

/** One input series of a hand-written test, in promtool's expanding notation. */
export interface TestSeries {
  /** Metric name. */
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
  /** promtool values: `0+60x30` (30 steps of +60), `1x10`, `_` for a gap, `stale`. */
  readonly values: string;
}

/** An alert expected to be firing; labels may be partial, the compiler completes them. */
export interface ExpectedAlert {
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Omit to have lookout render the annotations from the rule's templates. Each one given must
   * be exactly what the alert renders (promtool compares them): generate refuses a difference.
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface AlertExpectation {
  /** Time since the start of the input series. */
  readonly at: Duration;
  /** The alerts firing at that moment: `[]` means none. */
  readonly firing: readonly ExpectedAlert[];
}

/** A hand-written promtool case for one alert, compiled into the same test file. */
export interface AlertTestCase {
  readonly name: string;
  /** Interval between input samples; 1m when omitted. */
  readonly interval?: Duration;
  readonly series: readonly TestSeries[];
  readonly expect: readonly AlertExpectation[];
}

/**
 * One input series for a hand-written test, typed by the metric: every declared label must
 * be given, closed sets only accept their values. `job` defaults to the catalog's job.
 * @example
 * series(m.requests, { route: 'chat_completions', code: '5xx', provider: 'openai', model: 'gpt-4o' }, '0+60x30')
 */
export function series<S extends LabelSpec>(
  selector: Selector<'counter' | 'gauge', string, S>,
  labels: LabelSet<S> & { readonly [K in TargetLabel]?: string },
  values: string,
): TestSeries {
  return { metric: selector.metricName, labels: { ...labels } as Record<string, string>, values };
}
