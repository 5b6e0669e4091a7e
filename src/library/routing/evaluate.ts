import type { RootRoute, Route } from './define.js';
import type { LabelRegexps } from '../semantics.js';
import { matchesAll, toAlertMatchers } from './matchers.js';

/** A route an alert ended at, with the receiver it inherited and where it sits in the tree. */
export interface RouteMatch {
  receiver: string;
  /** `route.routes[1].routes[0]`: the field path of the route, for diagnostics. */
  path: string;
}

/**
 * The routes Alertmanager sends an alert with these labels to, in its order: depth first, a
 * child that matched stops its later siblings unless it has `continue`, and a route whose
 * children took nothing takes the alert itself. Receivers are inherited from the parent.
 * Regexps match as `regexps` (Alertmanager's are Go's, anchored) decide.
 */
export function routeAlert(root: RootRoute, labels: Readonly<Record<string, string>>, regexps: LabelRegexps): RouteMatch[] {
  return visit(root.routes ?? [], root.receiver, 'route', labels, regexps) ?? [{ receiver: root.receiver, path: 'route' }];
}

function visit(routes: readonly Route[], inherited: string, parentPath: string, labels: Readonly<Record<string, string>>, regexps: LabelRegexps): RouteMatch[] | undefined {
  const all: RouteMatch[] = [];
  for (const [i, route] of routes.entries()) {
    if (!matchesAll(toAlertMatchers(route.matchers), labels, regexps)) continue;
    const path = `${parentPath}.routes[${i}]`;
    const receiver = route.receiver ?? inherited;
    all.push(...(visit(route.routes ?? [], receiver, path, labels, regexps) ?? [{ receiver, path }]));
    if (!route.continue) break;
  }
  return all.length > 0 ? all : undefined;
}

/** Every route in the tree with its path, parents first. */
export function allRoutes(root: RootRoute): Array<{ route: Route | RootRoute; path: string }> {
  const out: Array<{ route: Route | RootRoute; path: string }> = [{ route: root, path: 'route' }];
  const walk = (routes: readonly Route[], parent: string) =>
    routes.forEach((r, i) => {
      const path = `${parent}.routes[${i}]`;
      out.push({ route: r, path });
      walk(r.routes ?? [], path);
    });
  walk(root.routes ?? [], 'route');
  return out;
}
