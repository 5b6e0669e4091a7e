import type { Duration } from '../duration.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { captureSource } from '../source.js';
import { keptIgnore, type Ignore } from '../diagnostics/ignore.js';
import type { SLI, TypedSLI } from './sli.js';
import type { SLOCompat } from './slothCompat.js';
import type { Tier, TierOverrides } from './tiers.js';

export interface SLOAlerting {
  /** CamelCase alert name shared by every tier (they differ by the `tier` label). */
  name: string;
  /** Extra labels on every tier's alert (team, ...). */
  labels?: Readonly<Record<string, string>>;
  /** Extra annotations on every tier's alert. */
  annotations?: Readonly<Record<string, string>>;
  runbook?: string;
  dashboard?: string;
  /** The workbook's four tiers by default; override by long window (`{ '3d': false }`) or replace. */
  tiers?: readonly Tier[] | TierOverrides;
}

export interface SLOOptions<L extends string> {
  /** The service the SLO belongs to (`ai-gateway`). */
  service: string;
  /** Unique within the service, kebab-case: `requests-success`. */
  name: string;
  /** What a user experiences when the SLO is met. */
  description: string;
  /** Target share of good events, in percent: 99.9. */
  objective: number;
  /** Rolling window the objective applies to. 30d by default. */
  period?: Duration;
  sli: TypedSLI<L>;
  /** Evaluate the SLO once per value of these labels (per provider, say). */
  groupBy?: readonly L[];
  /** Labels on every recorded series and alert of the SLO. */
  labels?: Readonly<Record<string, string>>;
  /** Burn-rate alerts; `false` records the SLO without alerting on it. */
  alerting: SLOAlerting | false;
  /**
   * `'sloth'` also writes what Sloth writes for an SLO, so Sloth's Grafana dashboards and
   * Alertmanager routes keyed on `sloth_severity` or `sloth_slo` keep working after a move:
   * `sloth_id` (`<service>-<name>`), `sloth_service` and `sloth_slo` on every series,
   * `sloth_window` on each error ratio (with every window Sloth records), Sloth's burn-rate,
   * budget, period and info series, and `sloth_severity` on each tier alert (none on an `info`
   * tier). lookout's own series and labels stay as they are. Default: the project's
   * `sloCompat`, which defaults to `'lookout'`.
   * @example
   * // The dashboards and `sloth_severity` routes this SLO had under Sloth keep working.
   * export const checkout = defineSLO({
   *   service: 'shop',
   *   name: 'checkout-success',
   *   description: 'Checkout requests are answered without a server error.',
   *   objective: 99.9,
   *   sli: ratio({ errors: m.requests.where({ code: re('5..') }), total: m.requests }),
   *   alerting: { name: 'ShopCheckoutBudgetBurn' },
   *   compat: 'sloth',
   * });
   */
  compat?: SLOCompat;
  /** Checks silenced for this SLO and the burn-rate alerts it compiles to, each with the reason. */
  ignore?: Ignore;
}

/** An SLO after definition: plain data, as the compiler reads it. */
export interface SLO {
  readonly kind: 'slo';
  readonly service: string;
  readonly name: string;
  readonly description: string;
  readonly objective: number;
  readonly period: string;
  readonly sli: SLI;
  readonly groupBy: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly alerting: SLOAlerting | false;
  /** Unset: the project's `sloCompat` applies. */
  readonly compat?: SLOCompat | undefined;
  readonly ignore?: Ignore | undefined;
  readonly source?: SourceLocation | undefined;
}

/**
 * A service level objective. It compiles to recording rules for every window, metadata for
 * dashboards, one multiwindow burn-rate alert per tier, and promtool tests for all of them.
 * @example
 * export const success = defineSLO({
 *   service: 'ai-gateway',
 *   name: 'requests-success',
 *   description: 'Client requests are answered without a server error.',
 *   objective: 99.5,
 *   sli: ratio({ errors: m.requests.where({ code: re('5..') }), total: m.requests }),
 *   alerting: { name: 'GatewayRequestsBudgetBurn', labels: { team: 'ai-platform' } },
 * });
 */
export function defineSLO<L extends string>(options: SLOOptions<L>): SLO {
  return {
    kind: 'slo',
    service: options.service,
    name: options.name,
    description: options.description,
    objective: options.objective,
    period: options.period ?? '30d',
    sli: options.sli.sli,
    groupBy: [...(options.groupBy ?? [])],
    labels: { ...(options.labels ?? {}) },
    alerting: options.alerting,
    // Only when set, so an SLO without it is the same plain data as before the option existed.
    ...(options.compat ? { compat: options.compat } : {}),
    ...keptIgnore(options.ignore),
    source: captureSource(),
  };
}

/** `ai-gateway/requests-success`: unique across the project. */
export function sloId(slo: Pick<SLO, 'service' | 'name'>): string {
  return `${slo.service}/${slo.name}`;
}
