import type { Where } from './specFile.js';

/** Sloth's window placeholder (`{{.window}}`, spaces allowed) and the one lookout's raw SLIs use. */
export const WINDOW_PLACEHOLDER = /\{\{\s*\.?window\s*\}\}/g;
export const LOOKOUT_WINDOW = '{{window}}';

/** A PromQL query of the input, per window. */
export interface SourceQuery {
  where: Where;
  /** What the input calls it: `error_query`, `bad`, `total`. */
  label: string;
  /** As written in the input, for the comment above the imported SLO. */
  original: string;
  /** The query with `{{window}}` where the range goes: what a raw SLI holds. */
  windowed: string;
}

/**
 * What an imported SLI measures, before it is matched against the catalog: bad (or good)
 * events over all events, or an error ratio computed by the query itself.
 */
export type SourceSLI =
  | { kind: 'events'; errors: SourceQuery; total: SourceQuery; /** Kept as raw PromQL, for a reason the reader has reported. */ raw?: true }
  | { kind: 'events'; good: SourceQuery; total: SourceQuery }
  | { kind: 'error-ratio'; errorRatio: SourceQuery };

/** Per-tier changes, keyed by the tier's long window as `tiers` takes them. */
export type TierChanges = Record<string, { labels: Record<string, string> } | false>;

/**
 * One burn-rate tier written out in full, for inputs that define their own (Sloth's
 * AlertWindows, OpenSLO's burn-rate AlertConditions): the fields of lookout's `Tier`.
 */
export interface ImportedTier {
  budgetPercent: number;
  longWindow: string;
  shortWindow: string;
  for: string;
  severity: 'page' | 'ticket';
  labels?: Record<string, string>;
}

export interface ImportedAlerting {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runbook?: string;
  /** Changes to lookout's default tiers, or a list that replaces them. */
  tiers?: TierChanges | ImportedTier[];
}

/** One SLO of the input, in lookout's terms; its SLI is typed later, against the catalog. */
export interface ImportedSLO {
  /** Where the SLO is defined in the input. */
  where: Where;
  service: string;
  name: string;
  description: string;
  objective: number;
  period: string;
  labels: Record<string, string>;
  sli: SourceSLI;
  alerting: ImportedAlerting | false;
}

/** The SLI's queries as the input gives them: the error ratio, or the numerator then the total. */
export function sourceQueries(sli: SourceSLI): SourceQuery[] {
  if (sli.kind === 'error-ratio') return [sli.errorRatio];
  return ['errors' in sli ? sli.errors : sli.good, sli.total];
}

export function windowed(query: string): string {
  return query.replace(WINDOW_PLACEHOLDER, LOOKOUT_WINDOW);
}

export function hasWindow(query: string): boolean {
  return new RegExp(WINDOW_PLACEHOLDER.source).test(query);
}
