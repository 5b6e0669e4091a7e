import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { SourceLocation } from '../../diagnostics/diagnostic.js';
import { captureSource } from '../../source.js';
import { DATASOURCE_REF, DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../conventions.js';
import { target, type PanelQuery } from '../query.js';
import { thresholdsConfig, type AlertThreshold, type ThresholdStep } from '../thresholds.js';

/**
 * A panel ready to be placed: the SDK builder (tweak it with any SDK method before the
 * dashboard is defined), its size on the grid, and where it was written for diagnostics.
 */
export interface PanelSpec {
  readonly kind: 'panel';
  readonly title: string;
  readonly builder: cog.Builder<dashboard.Panel>;
  /** Columns of Grafana's 24-column grid. */
  readonly width: number;
  /** Grid rows (30 px each). */
  readonly height: number;
  /** The alert whose threshold the panel draws, when it mirrors one. */
  readonly mirrors?: AlertThreshold | undefined;
  readonly source?: SourceLocation | undefined;
}

/** What every house panel takes. */
export interface PanelOptions {
  /** Says what is shown, in words a reader of the dashboard uses. */
  title: string;
  /** One or two sentences: what the panel answers and what to do when it looks wrong. */
  description?: string;
  width?: number;
  height?: number;
}

/** What every panel that runs queries takes. */
export interface DataPanelOptions extends PanelOptions {
  queries: readonly PanelQuery[];
  /** Grafana unit id: `s`, `percentunit`, `reqps`, `currencyUSD`, `short`, ... Required: a number without a unit misleads. */
  unit: string;
  thresholds?: readonly ThresholdStep[];
  min?: number;
  max?: number;
  decimals?: number;
}

/** The part of the SDK's panel builders the house factories use; every visualisation's builder has it. */
interface DataPanelBuilder {
  title(title: string): this;
  description(description: string): this;
  datasource(ref: { type: string; uid: string }): this;
  withTarget(t: cog.Builder<cog.Dataquery>): this;
  unit(unit: string): this;
  min(min: number): this;
  max(max: number): this;
  decimals(decimals: number): this;
  thresholds(t: cog.Builder<dashboard.ThresholdsConfig>): this;
}

/** Applies title, description, datasource, queries, unit and thresholds the house way. */
export function applyData<B extends DataPanelBuilder>(builder: B, o: DataPanelOptions): B {
  builder.title(o.title).datasource({ ...DATASOURCE_REF }).unit(o.unit);
  if (o.description) builder.description(o.description);
  o.queries.forEach((q, i) => builder.withTarget(target(q, i)));
  if (o.thresholds) builder.thresholds(thresholdsConfig(o.thresholds));
  if (o.min !== undefined) builder.min(o.min);
  if (o.max !== undefined) builder.max(o.max);
  if (o.decimals !== undefined) builder.decimals(o.decimals);
  return builder;
}

/** Wraps a built panel with its size and call site. */
export function spec(builder: cog.Builder<dashboard.Panel>, o: PanelOptions, defaults: { width?: number; height?: number } = {}, mirrors?: AlertThreshold): PanelSpec {
  return {
    kind: 'panel',
    title: o.title,
    builder,
    width: o.width ?? defaults.width ?? DEFAULT_WIDTH,
    height: o.height ?? defaults.height ?? DEFAULT_HEIGHT,
    mirrors,
    source: captureSource(),
  };
}

/**
 * Any SDK panel builder placed like a house panel, for visualisations lookout has no factory
 * for. The lint checks it like the others.
 * @example
 * panel(new heatmap.PanelBuilder().title('Latency heatmap')..., { width: 24 })
 */
export function panel(builder: cog.Builder<dashboard.Panel>, size: { width?: number; height?: number } = {}): PanelSpec {
  const built = builder.build();
  return spec(builder, { title: built.title ?? '', ...size });
}
