import { parse } from 'yaml';
import { durationMs, formatDuration } from '../../library/duration.js';
import type { Expr } from '../../library/promql/ast.js';
import { parsePromQL } from '../../library/promql/parse.js';
import { printPromQL } from '../../library/promql/print.js';
import { toYaml } from '../../engine/compiler/emit/yaml.js';

/**
 * Running the shipped rules faster: every window, `for`, offset and interval divided by one
 * factor, so that a 5-minute `for` over a 10-minute rate holds after 5 s over 10 s at a
 * factor of 60. Ranges stay at least four scrapes long, or rate() would read nothing.
 * The scaled files are written for one run and never committed.
 */
export interface TimeScale {
  factor: number;
  /** The scrape interval of the run, in ms: the floor for ranges is four of these. */
  scrapeIntervalMs: number;
}

function scaled(ms: number, scale: TimeScale, floorMs: number): number {
  return Math.max(Math.round(ms / scale.factor), floorMs);
}

/** A duration text divided by the factor, never below `floorMs` (default one second). */
export function scaleDuration(text: string, scale: TimeScale, floorMs = 1000): string {
  return formatDuration(scaled(durationMs(text), scale, floorMs));
}

function scaleTree(expr: Expr, scale: TimeScale): Expr {
  const range = (ms: number) => scaled(ms, scale, 4 * scale.scrapeIntervalMs);
  const offset = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / scale.factor));
  const e = expr as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { ...e };
  for (const [key, value] of Object.entries(e)) {
    if (Array.isArray(value)) out[key] = value.map((v) => (v && typeof v === 'object' && 'type' in v ? scaleTree(v as Expr, scale) : v));
    else if (value && typeof value === 'object' && 'type' in value) out[key] = scaleTree(value as Expr, scale);
  }
  if (expr.type === 'matrix') out.rangeMs = range(expr.rangeMs);
  if (expr.type === 'subquery') {
    out.rangeMs = range(expr.rangeMs);
    if (expr.stepMs !== undefined) out.stepMs = scaled(expr.stepMs, scale, 1000);
    out.offsetMs = offset(expr.offsetMs);
  }
  if (expr.type === 'vector') out.offsetMs = offset(expr.offsetMs);
  return out as unknown as Expr;
}

/** A PromQL expression with its ranges, steps and offsets scaled. */
export function scaleExpr(text: string, scale: TimeScale): string {
  const parsed = parsePromQL(text);
  if (!parsed.ok) throw new Error(`cannot scale an expression that does not parse: ${text}`);
  return printPromQL(scaleTree(parsed.expr, scale));
}

interface RuleFileData {
  groups: Array<{ name: string; interval?: string; rules: Array<Record<string, unknown> & { expr: string; for?: string; keep_firing_for?: string }> }>;
}

/** A generated Prometheus rule file, scaled. */
export function scaleRuleFile(text: string, scale: TimeScale): string {
  const data = parse(text) as RuleFileData;
  for (const group of data.groups) {
    if (group.interval) group.interval = scaleDuration(group.interval, scale);
    for (const rule of group.rules) {
      rule.expr = scaleExpr(rule.expr, scale);
      if (rule.for) rule.for = scaleDuration(rule.for, scale);
      if (rule.keep_firing_for) rule.keep_firing_for = scaleDuration(rule.keep_firing_for, scale);
    }
  }
  return toYaml(data);
}

type RouteData = Record<string, unknown> & { routes?: RouteData[] };

/** A generated Alertmanager config with its waits, intervals and resolve timeout scaled. */
export function scaleAlertmanagerConfig(config: Record<string, unknown>, scale: TimeScale): Record<string, unknown> {
  const out = structuredClone(config) as Record<string, unknown> & { global?: Record<string, unknown>; route: RouteData };
  const visit = (r: RouteData) => {
    for (const key of ['group_wait', 'group_interval', 'repeat_interval']) {
      if (typeof r[key] === 'string') r[key] = scaleDuration(r[key], scale);
    }
    r.routes?.forEach(visit);
  };
  visit(out.route);
  if (typeof out.global?.resolve_timeout === 'string') out.global.resolve_timeout = scaleDuration(out.global.resolve_timeout, scale);
  return out;
}
