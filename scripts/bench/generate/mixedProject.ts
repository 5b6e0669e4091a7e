import os from 'node:os';
import { ALERT_LINKS, alertModules, alertServices, benchAlerts } from '../alertProject.js';
import { sloModules, writeBenchProject } from '../lookoutProject.js';
import { benchSLOs, servicesOf } from '../sloSpecs.js';

/**
 * A synthetic project the size of a big organisation's: `slos` SLOs (the SLO benchmark's, in
 * services svc00...) and `alerts` alert rules (the alert benchmark's, in services alr00...),
 * with an overview dashboard per alert service (what the alerts link to) and one Alertmanager
 * routing, so generate writes every kind of artifact and validate has route cases to run: pages to a pager and, like tickets, to a shared channel; one team has
 * a channel of its own.
 */

/** The team with its own channel: the SLO benchmark's first service. */
export const OWN_CHANNEL_TEAM = 'svc00';

const ROUTING = `import { defineRouting, pagerduty, slack } from 'lookout';
import { re } from 'lookout/promql';

const secrets = '/etc/alertmanager/secrets';

export default defineRouting({
  receivers: [
    pagerduty({ name: 'oncall-pager', severities: ['page'], routingKeyFile: \`\${secrets}/pagerduty.key\` }),
    slack({ name: 'alerts-slack', severities: ['page', 'ticket'], apiUrlFile: \`\${secrets}/slack.url\`, channel: '#alerts' }),
    slack({ name: '${OWN_CHANNEL_TEAM}-slack', severities: ['page', 'ticket'], team: '${OWN_CHANNEL_TEAM}', apiUrlFile: \`\${secrets}/slack-${OWN_CHANNEL_TEAM}.url\`, channel: '#${OWN_CHANNEL_TEAM}' }),
  ],
  route: {
    receiver: 'alerts-slack',
    groupBy: ['alertname', 'team'],
    routes: [
      { matchers: { severity: 'page' }, receiver: 'oncall-pager', continue: true },
      { matchers: { team: '${OWN_CHANNEL_TEAM}' }, receiver: '${OWN_CHANNEL_TEAM}-slack' },
      { matchers: { severity: re('page|ticket') }, receiver: 'alerts-slack' },
    ],
  },
});
`;

/** The `<service>-overview` dashboard the alerts of `service` link to. */
function overviewDashboard(service: string): string {
  return `import { defineDashboard } from 'lookout';
import { rate, re, sum } from 'lookout/promql';
import { query, rateInterval, row, scope, shareOf, scopeVariables, timeseries } from 'lookout/dashboards';
import { ${service} } from '../catalog/${service}.js';

const m = ${service}.metrics;

export default defineDashboard({
  slug: '${service}-overview',
  title: '${service} overview',
  description: 'Requests and errors of ${service}, by route.',
  variables: scopeVariables({ targets: m.requests }),
  rows: [
    row('Requests', [
      timeseries({ title: 'Requests per second by route', unit: 'reqps', queries: [query(sum(rate(m.requests.where(scope), rateInterval)).by('route'), '{{route}}')] }),
      timeseries({
        title: 'Error ratio by route',
        unit: 'percentunit',
        queries: [query(shareOf(sum(rate(m.requests.where({ ...scope, code: re('5..') }), rateInterval)).by('route'), sum(rate(m.requests.where(scope), rateInterval)).by('route')), '{{route}}')],
      }),
    ]),
  ],
});
`;
}

/** Writes the project into a new folder under `parent` and returns it. */
export function writeMixedProject(o: { slos: number; alerts: number; parent?: string }): string {
  const slos = benchSLOs(o.slos);
  const alerts = benchAlerts(o.alerts, 'alr');
  return writeBenchProject({
    prefix: `lookout-bench-mixed-${o.slos}-${o.alerts}-`,
    parent: o.parent ?? os.tmpdir(),
    name: 'bench-mixed',
    services: [...servicesOf(slos), ...alertServices(alerts)],
    // The SLO benchmark's evaluation interval (its generate figures were measured with it);
    // the alert groups set their own 30s.
    settings: { scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d', ...ALERT_LINKS },
    modules: {
      ...sloModules(slos),
      ...alertModules(alerts),
      ...Object.fromEntries(alertServices(alerts).map((s) => [`dashboards/${s}.ts`, overviewDashboard(s)])),
      'rules/routing.ts': ROUTING,
    },
  });
}
