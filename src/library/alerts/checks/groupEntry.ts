import type { AlertRule, RuleGroup } from '../define.js';

/** A rule group with the module it came from, for the checks that look across groups. */
export interface GroupEntry {
  group: RuleGroup;
  /** The module the group came from, relative to the project root. */
  module: string;
}

/**
 * Which definition an alert came from: the rules an SLO compiles to share its name and are
 * one definition; any other alert is its own.
 */
export type DefinitionOf = (rule: AlertRule) => unknown;
