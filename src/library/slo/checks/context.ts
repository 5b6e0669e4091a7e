import type { FieldCheck, FieldFinding } from '../../diagnostics/check.js';
import type { MetricIndex } from '../../catalog/metricIndex.js';
import type { Project } from '../../project.js';
import type { SLO } from '../define.js';
import type { Tier } from '../tiers.js';

export interface SLOContext {
  readonly slo: SLO;
  /** The tiers after overrides. */
  readonly tiers: readonly Tier[];
  readonly project: Project;
  readonly index: MetricIndex;
  readonly scrapeIntervalMs: number;
  /** The module that defines it, relative to the project root, for messages that name another SLO's file. */
  readonly module?: string;
}

export type SLOFinding = FieldFinding;
export type SLOCheck = FieldCheck<SLOContext>;
