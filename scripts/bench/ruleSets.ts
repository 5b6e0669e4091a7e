import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { durationMs } from '../../src/library/duration.js';

/**
 * A rule set as Prometheus will load it, read back from its YAML files, and what its rules
 * read over ranges: that decides how much history each series needs before the rules'
 * evaluation cost means anything.
 */

export interface LoadedRule {
  record?: string;
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface LoadedGroup {
  file: string;
  name: string;
  /** Seconds; the global evaluation interval when the group sets none. */
  intervalSec: number;
  rules: LoadedRule[];
}

export interface RuleSet {
  name: string;
  files: string[];
  groups: LoadedGroup[];
}

export function loadRuleSet(name: string, files: readonly string[], globalIntervalSec: number): RuleSet {
  const groups: LoadedGroup[] = [];
  for (const file of files) {
    const doc = parse(readFileSync(file, 'utf8')) as { groups: Array<{ name: string; interval?: string; rules: LoadedRule[] }> };
    for (const g of doc.groups) {
      groups.push({ file, name: g.name, intervalSec: g.interval ? durationMs(g.interval) / 1000 : globalIntervalSec, rules: g.rules });
    }
  }
  return { name, files: [...files], groups };
}

export function ruleCount(set: RuleSet): { recording: number; alerting: number } {
  const rules = set.groups.flatMap((g) => g.rules);
  return { recording: rules.filter((r) => r.record).length, alerting: rules.filter((r) => r.alert).length };
}

/** A recorded series some rule reads over a range, with the rule that records it. */
export interface RecordedRead {
  record: string;
  /** The recording rule's own labels (what identifies its output). */
  labels: Record<string, string>;
  /** The recording rule's expression: tells whether its output is split by a label. */
  expr: string;
  intervalSec: number;
  /** The longest range any rule reads it over, in seconds. */
  rangeSec: number;
}

const RANGE_OF_RECORDED = /(slo:[\w:]+)\{([^}]*)\}\[(\w+)\]/g;
const RANGE_OF_RAW = /rate\(([a-zA-Z_][\w]*)\{[^}]*\}\[(\w+)\]\)/g;
const MATCHER = /(\w+)\s*=\s*"([^"]*)"/g;

function matchers(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(MATCHER)].map((m) => [m[1]!, m[2]!]));
}

/**
 * Every recorded series of `set` that one of its rules reads over a range, paired with the
 * recording rule that produces it and the longest range read. Reads that no rule of the set
 * records are an error: the benchmark would silently compare against missing data.
 */
export function recordedReads(set: RuleSet): RecordedRead[] {
  const producers = set.groups.flatMap((g) => g.rules.filter((r) => r.record).map((r) => ({ rule: r, intervalSec: g.intervalSec })));
  const out = new Map<(typeof producers)[number], RecordedRead>();
  for (const rule of set.groups.flatMap((g) => g.rules)) {
    for (const m of rule.expr.matchAll(RANGE_OF_RECORDED)) {
      const [, name, matcherText, range] = m;
      const want = matchers(matcherText!);
      const found = producers.filter((p) => p.rule.record === name && Object.entries(want).every(([k, v]) => p.rule.labels?.[k] === v));
      if (found.length === 0) throw new Error(`${set.name}: ${name}{${matcherText}} is read over [${range}] but no rule records it`);
      for (const p of found) {
        const rangeSec = durationMs(range!) / 1000;
        const prev = out.get(p);
        if (!prev || prev.rangeSec < rangeSec) {
          out.set(p, { record: p.rule.record!, labels: p.rule.labels ?? {}, expr: p.rule.expr, intervalSec: p.intervalSec, rangeSec });
        }
      }
    }
  }
  return [...out.values()];
}

/** The longest range any rule of the sets reads raw (scraped) counters over, in seconds. */
export function longestRawRange(sets: readonly RuleSet[]): number {
  let max = 0;
  for (const rule of sets.flatMap((s) => s.groups.flatMap((g) => g.rules))) {
    for (const m of rule.expr.matchAll(RANGE_OF_RAW)) max = Math.max(max, durationMs(m[2]!) / 1000);
  }
  return max;
}
