import { SEVERITIES, type AlertRule, type Severity } from '../../library/alerts/define.js';
import type { Project } from '../../library/project.js';
import { BUDGET_REMAINING, ERROR_RATIO, SERVICE_LABEL, SLO_LABEL, windowName } from '../../library/slo/conventions.js';
import type { TierAlert } from '../../library/slo/compile.js';
import { durationMs } from '../../library/duration.js';
import { sloId } from '../../library/slo/define.js';
import { kebab } from '../../library/text.js';

/**
 * What a runbook template sees. Every key is always present (`null` when it does not apply),
 * because templates are compiled in strict mode: a misspelt field is an error, not a blank.
 */
export interface RunbookFacts {
  alert: {
    name: string;
    /** `kebab(name)`: the name of the alert's content file in runbooks/alerts/. */
    slug: string;
    /** The most urgent severity among the alert's rules (an SLO's tiers differ). */
    severity: Severity;
    summary: string;
    /** The description annotation as written: a Prometheus template, not yet expanded. */
    description: string;
    /** The query of a hand-written alert; `null` for SLO tiers, whose queries are in `slo.tiers`. */
    expr: string | null;
    for: string | null;
    keepFiringFor: string | null;
    labels: Array<{ name: string; value: string }>;
    team: string | null;
    group: string;
    runbookUrl: string;
    dashboardUrl: string | null;
    /** Who Alertmanager notifies, per severity (an SLO's tiers differ); `null` without routing. */
    notifies: Array<{ severity: Severity; receivers: string }> | null;
  };
  slo: SLOFacts | null;
  commands: {
    prometheusUrl: string;
    alertmanagerUrl: string;
    /** `ALERTS{alertname="..."}`, to see which series fire now. */
    alertsQuery: string;
    /** `amtool silence add` matchers: the alert name and its routing labels. */
    silenceMatchers: string;
  };
  /** The alert's own steps from runbooks/alerts/, rendered; `null` without a content file. */
  content: string | null;
}

export interface SLOFacts {
  id: string;
  service: string;
  name: string;
  description: string;
  objective: number;
  period: string;
  /** The error budget in percent: 100 − objective. */
  budgetPercent: number;
  groupBy: string | null;
  /** Recorded series to query while the alert fires. */
  budgetRemainingQuery: string;
  tiers: Array<{
    name: string;
    severity: Severity;
    for: string;
    longWindow: string;
    shortWindow: string;
    budgetPercent: number;
    factor: number;
    threshold: number;
    expr: string;
    longRatioQuery: string;
    shortRatioQuery: string;
  }>;
}

/** One alert name and every rule carrying it: one for a hand-written alert, one per tier for an SLO's. */
export interface RunbookSubject {
  rules: readonly AlertRule[];
  group: string;
  tiers: readonly TierAlert[];
}

const URGENCY: readonly Severity[] = ['page', 'ticket', 'info'];

/** The most urgent severity of a subject's rules: a name pages if any of its rules does. */
export function subjectSeverity(rules: readonly AlertRule[]): Severity {
  return URGENCY.find((s) => rules.some((r) => r.severity === s)) ?? rules[0]!.severity;
}

function sloFacts(tiers: readonly TierAlert[]): SLOFacts | null {
  const slo = tiers[0]?.slo;
  if (!slo) return null;
  const own = `{${SLO_LABEL}="${slo.name}",${SERVICE_LABEL}="${slo.service}"}`;
  const ratio = (w: string) => `${ERROR_RATIO(windowName(durationMs(w)))}${own}`;
  return {
    id: sloId(slo),
    service: slo.service,
    name: slo.name,
    description: slo.description,
    objective: slo.objective,
    period: slo.period,
    budgetPercent: Number((100 - slo.objective).toPrecision(12)),
    groupBy: slo.groupBy.length ? slo.groupBy.join(', ') : null,
    budgetRemainingQuery: `${BUDGET_REMAINING}${own}`,
    tiers: tiers.map((t) => ({
      name: t.tier.longWindow,
      severity: t.tier.severity,
      for: t.tier.for,
      longWindow: t.tier.longWindow,
      shortWindow: t.tier.shortWindow,
      budgetPercent: t.tier.budgetPercent,
      factor: t.factor,
      threshold: t.threshold,
      expr: t.rule.expr,
      longRatioQuery: ratio(t.tier.longWindow),
      shortRatioQuery: ratio(t.tier.shortWindow),
    })),
  };
}

/** Links are computed by the compiler (they depend on its URL rules), so they come in as arguments. */
export function runbookFacts(
  subject: RunbookSubject,
  project: Project,
  links: { runbookUrl: string; dashboardUrl: string | undefined },
  content: string | null,
  receiversOf: ReadonlyMap<AlertRule, readonly string[]> = new Map(),
): RunbookFacts {
  const rule = subject.rules[0]!;
  // Only the labels every rule of the name shares: an SLO's tiers differ in `tier` and windows.
  const labels = Object.entries(rule.labels)
    .filter(([k, v]) => subject.rules.every((r) => r.labels[k] === v))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value }));
  // Plain-word labels only: templated ones differ per alert, and these need no shell quoting.
  const routing = labels.filter((l) => /^[\w.:-]+$/.test(l.value));
  const tiered = subject.tiers.length > 0;
  return {
    alert: {
      name: rule.name,
      slug: kebab(rule.name),
      severity: subjectSeverity(subject.rules),
      summary: rule.summary,
      description: rule.description,
      expr: tiered ? null : rule.expr,
      for: tiered ? null : (rule.for ?? null),
      keepFiringFor: rule.keepFiringFor ?? null,
      labels,
      team: rule.labels.team ?? null,
      group: subject.group,
      runbookUrl: links.runbookUrl,
      dashboardUrl: links.dashboardUrl ?? null,
      notifies: notifies(subject.rules, receiversOf),
    },
    slo: sloFacts(subject.tiers),
    commands: {
      prometheusUrl: project.externalUrl.replace(/\/+$/, ''),
      alertmanagerUrl: `http://${project.alertmanagers[0] ?? 'localhost:9093'}`,
      alertsQuery: `ALERTS{alertname="${rule.name}",alertstate="firing"}`,
      silenceMatchers: [`alertname=${rule.name}`, ...routing.map((l) => `${l.name}=${l.value}`)].join(' '),
    },
    content,
  };
}

/** The receivers of each severity among the rules, in severity order; `null` when none is routed. */
function notifies(rules: readonly AlertRule[], receiversOf: ReadonlyMap<AlertRule, readonly string[]>): RunbookFacts['alert']['notifies'] {
  const out: Array<{ severity: Severity; receivers: string }> = [];
  for (const severity of SEVERITIES) {
    const lists = rules.filter((r) => r.severity === severity).map((r) => receiversOf.get(r)?.join(', '));
    const receivers = [...new Set(lists.filter((l): l is string => l !== undefined))].join('; ');
    if (receivers) out.push({ severity, receivers });
  }
  return out.length > 0 ? out : null;
}
