import { alert, ruleGroup, series } from 'lookout';
import { rate, sum } from 'lookout/promql';
import { gateway } from '../src/integrations/gateway/metrics.js';

const m = gateway.metrics;
const team = { team: 'ai-platform' };
const dashboard = 'ai-gateway-reliability';

/**
 * Audit event delivery to the ledger. How fast events arrive is the events-delivered-5s SLO;
 * these two cover events that never arrive. Neither pages: clients are served throughout, and
 * what is at stake is the audit trail.
 */

/** Audit events finishing delivery at 1/s, of which `lostPerMinute` a minute fail after their retries. */
function deliveries(lostPerMinute: number) {
  return [
    series(m.eventsDelivered, { type: 'audit', outcome: 'success' }, `0+${60 - lostPerMinute}x40`),
    series(m.eventsDelivered, { type: 'audit', outcome: 'failure' }, `0+${lostPerMinute}x40`),
  ];
}

/** Share of finished deliveries that failed after their retries or were dropped: events lost. */
const lostRatio = sum(rate(m.eventsDelivered.where({ outcome: ['failure', 'dropped'] }), '10m'))
  .by('type')
  .div(sum(rate(m.eventsDelivered, '10m')).by('type'));

/**
 * Deliveries that finished (any outcome) per event emitted. Deliveries take seconds, so over
 * 10 minutes the two rates match; no traffic is no data (0/0), not a stall.
 */
const finishedPerEmitted = sum(rate(m.eventsDelivered, '10m')).by('type').div(sum(rate(m.eventsEmitted, '10m')).by('type'));

export default ruleGroup({
  name: 'gateway-events',
  interval: '30s',
  rules: [
    alert({
      name: 'GatewayEventDeliveryFailing',
      // Ten times the 0.1% the delivery SLO allows to be late: these events are not late but gone.
      expr: lostRatio.gt(0.01),
      for: '10m',
      severity: 'ticket',
      summary: 'More than 1% of audit event deliveries are failing or being dropped.',
      description: ({ labels, value }) =>
        `${value.humanizePercentage()} of ${labels.type} event deliveries over the last 10 minutes failed after their retries or were dropped: ` +
        'those events are missing from the ledger. Check the event sink (reachability, auth, 4xx answers) and the delivery outcomes on the dashboard.',
      dashboard,
      labels: team,
      // The generated quiet case holds at zero loss (the search's first step is already above 1%): these pin the threshold.
      tests: [
        { name: '0.75% of deliveries lost stays quiet', interval: '1m', series: deliveries(0.45), expect: [{ at: '40m', firing: [] }] },
        { name: '1.25% of deliveries lost fires', interval: '1m', series: deliveries(0.75), expect: [{ at: '5m', firing: [] }, { at: '40m', firing: [{}] }] },
      ],
    }),
    alert({
      name: 'GatewayEventDeliveryStalled',
      // Under half the emitted events finishing means the backlog grows by at least half the emit rate, without bound.
      expr: finishedPerEmitted.lt(0.5),
      for: '10m',
      severity: 'ticket',
      summary: 'Audit events are being emitted but fewer than half finish delivery.',
      description: ({ labels, value }) =>
        `Only ${value.humanizePercentage()} as many ${labels.type} event deliveries finished as events were emitted over the last 10 minutes: ` +
        'the delivery loop is stuck or the sink stopped answering, and undelivered events pile up in memory. Check the delivery worker and the sink.',
      dashboard,
      labels: team,
    }),
  ],
});
