import { defineCheck } from '../diagnostics/check.js';
import type { Snippet } from '../diagnostics/diagnostic.js';
import { parseDuration } from '../duration.js';
import type { Inhibition, RootRoute, Route } from './define.js';
import { allRoutes } from './evaluate.js';

/** A problem in one field of the routing definition; the path is relative to `routing.`. */
export interface RoutingFinding {
  path: string;
  message: string;
  hint?: string | undefined;
  snippet?: Snippet;
}

export const routingInterval = defineCheck({
  id: 'routing/interval',
  severity: 'error',
  title: 'A route\'s group_interval and repeat_interval are longer than zero',
  why: 'amtool check-config and Alertmanager refuse a zero group_interval or repeat_interval: the whole config fails to load, and every alert stops notifying at the next reload.',
  refusedBy: 'Alertmanager',
});
export const routingGroupBy = defineCheck({
  id: 'routing/group-by',
  severity: 'error',
  title: 'groupBy lists valid label names, each once, or `...` alone',
  why: 'Alertmanager refuses a group_by that mixes `...` with labels, repeats a label or names an invalid one; the whole config fails to load.',
  refusedBy: 'Alertmanager',
});
export const routingLabelName = defineCheck({
  id: 'routing/label-name',
  severity: 'error',
  title: 'Route and inhibition matchers and `equal` name valid label names',
  why: 'Alertmanager 0.25 refuses a matcher or an inhibition `equal` on a name that is not [a-zA-Z_][a-zA-Z0-9_]*; the whole config fails to load.',
  refusedBy: 'Alertmanager',
});

/** Label names as Alertmanager 0.25 (Prometheus' model) accepts them. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelNames(names: readonly string[], path: string, what: string): RoutingFinding[] {
  return names.filter((n) => !LABEL_NAME.test(n)).map((n) => ({ path, message: `${what} "${n}" is not a valid label name`, hint: 'label names are letters, digits and _, not starting with a digit' }));
}

/** Durations and group_by of every route: what Alertmanager's own validation refuses. */
export function timingFindings(root: RootRoute): { interval: RoutingFinding[]; groupBy: RoutingFinding[]; labelName: RoutingFinding[] } {
  const out = { interval: [] as RoutingFinding[], groupBy: [] as RoutingFinding[], labelName: [] as RoutingFinding[] };
  for (const { route, path } of allRoutes(root)) {
    for (const field of ['groupInterval', 'repeatInterval'] as const) {
      const value = route[field];
      if (value !== undefined && parseDuration(value) === 0) {
        out.interval.push({ path: `${path}.${field}`, message: `${field} ${value} is zero, which Alertmanager refuses`, hint: field === 'groupInterval' ? 'the usual value is 5m' : 'the usual value is 4h; to never repeat, use a long interval such as 1y' });
      }
    }
    const groupBy = route.groupBy;
    if (Array.isArray(groupBy)) {
      const at = `${path}.groupBy`;
      if (groupBy.includes('...') && groupBy.length > 1) out.groupBy.push({ path: at, message: "'...' (group by every label) cannot be listed with other labels", hint: "write groupBy: '...' alone, or list the labels" });
      const seen = new Set<string>();
      for (const label of groupBy) {
        if (seen.has(label)) out.groupBy.push({ path: at, message: `label "${label}" is listed twice` });
        seen.add(label);
      }
      out.groupBy.push(...labelNames(groupBy.filter((l) => l !== '...'), at, 'group by'));
    }
    if ('matchers' in route) out.labelName.push(...labelNames(Object.keys((route as Route).matchers), `${path}.matchers`, 'matcher on'));
  }
  return out;
}

/** Label names in an inhibition's matchers and `equal`. */
export function inhibitionLabelFindings(inh: Inhibition, path: string): RoutingFinding[] {
  return [
    ...labelNames(Object.keys(inh.source), `${path}.source`, 'matcher on'),
    ...labelNames(Object.keys(inh.target), `${path}.target`, 'matcher on'),
    ...labelNames(inh.equal, `${path}.equal`, 'equal label'),
  ];
}
