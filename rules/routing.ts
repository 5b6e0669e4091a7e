import { defineRouting, discard, pagerduty, slack, webhook } from 'lookout';
import { not, re } from 'lookout/promql';

/** Mounted from the cluster's secret store; generated files only ever name these paths. */
const secrets = '/etc/alertmanager/secrets';

/**
 * Who hears about what. ai-platform owns the gateway: pages go to its PagerDuty service and
 * its channel, tickets to the channel only. finops owns spend: its tickets wait for business
 * hours. Every page is also logged to the incident log, whoever owns it.
 */
export default defineRouting({
  receivers: [
    pagerduty({ name: 'ai-platform-pager', severities: ['page'], team: 'ai-platform', routingKeyFile: `${secrets}/pagerduty-ai-platform.key` }),
    slack({
      name: 'ai-platform-slack',
      severities: ['page', 'ticket'],
      team: 'ai-platform',
      apiUrlFile: `${secrets}/slack-ai-platform.url`,
      channel: '#ai-platform-alerts',
    }),
    slack({ name: 'finops-slack', severities: ['ticket'], team: 'finops', apiUrlFile: `${secrets}/slack-finops.url`, channel: '#finops-alerts' }),
    webhook({
      name: 'incident-log',
      severities: ['page'],
      url: 'http://incident-log.internal:8080/v1/alertmanager',
      credentialsFile: `${secrets}/incident-log.token`,
    }),
    discard({ name: 'dashboards-only', severities: ['info'] }),
  ],
  route: {
    // Anything without an owner still reaches people who can find one.
    receiver: 'ai-platform-slack',
    // One notification per alert and provider or client team: a provider outage is one incident, not one per replica.
    groupBy: ['alertname', 'team', 'provider', 'client_team'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '12h',
    routes: [
      { matchers: { severity: 'page' }, receiver: 'incident-log', continue: true, groupWait: '10s' },
      { matchers: { severity: 'info' }, receiver: 'dashboards-only' },
      {
        matchers: { team: 'ai-platform' },
        routes: [
          // A page goes to the pager and, through `continue`, to the channel too, where the team follows it.
          { matchers: { severity: 'page' }, receiver: 'ai-platform-pager', repeatInterval: '4h', continue: true },
          { matchers: { severity: re('page|ticket') }, receiver: 'ai-platform-slack' },
        ],
      },
      { matchers: { team: 'finops' }, receiver: 'finops-slack', activeTimeIntervals: ['business-hours'], repeatInterval: '24h' },
    ],
  },
  inhibitions: [
    {
      reason: 'A replica that cannot be scraped explains every other alert about that replica.',
      source: { alertname: 'GatewayInstanceDown' },
      target: { alertname: not('GatewayInstanceDown'), instance: re('.+') },
      equal: ['instance'],
    },
    {
      reason: "An open circuit moves the provider's traffic to its fallbacks: the circuit alert is the cause, the fallback alert its echo.",
      source: { alertname: 'GatewayCircuitOpenTooLong' },
      target: { alertname: 'GatewayExcessiveFallback' },
      equal: ['provider'],
    },
  ],
  timeIntervals: {
    'business-hours': [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }], location: 'Europe/London' }],
  },
  tests: [
    { name: 'an alert nobody owns reaches the platform channel', labels: { alertname: 'SomethingNew', severity: 'ticket' }, receivers: ['ai-platform-slack'] },
    { name: 'an info alert notifies nobody', labels: { alertname: 'GatewayInfo', severity: 'info', team: 'ai-platform' }, receivers: ['dashboards-only'] },
    {
      name: 'a page of a team without a pager is still logged',
      labels: { alertname: 'FinopsPage', severity: 'page', team: 'finops' },
      receivers: ['incident-log', 'finops-slack'],
    },
  ],
});
