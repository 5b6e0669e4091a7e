import { alert, ruleGroup, type Templated } from 'lookout';
import { increase, rate, sum } from 'lookout/promql';
import { gateway } from '../src/integrations/gateway/metrics.js';

const m = gateway.metrics;
const team = { team: 'ai-platform' };
const dashboard = 'ai-gateway-cost';

/**
 * The budget-debit outbox: each completed billable request queues a debit, and the outbox
 * flushes them to the control plane. Queued debits are spend that budgets do not see yet;
 * dropped debits are spend they will never see. Every rule is per replica: each has its own
 * outbox. None pages: clients are served throughout, what is at stake is budget accuracy.
 */

/** A drop alert: any debit dropped for `reason` in the last 15 minutes is lost spend. */
function dropAlert(
  reason: 'rejected_4xx' | 'overflow',
  text: { name: string; summary: string; description: Templated<'instance' | 'job' | 'reason'> },
) {
  return alert({
    ...text,
    // Any drop is data loss, and the 15-minute window keeps the alert up long enough to be seen.
    expr: increase(m.outboxDropped.where({ reason }), '15m').gt(0),
    // The shortest `for` that spans a scrape and an evaluation: one dropped debit is enough.
    for: '1m',
    severity: 'ticket',
    dashboard,
    labels: team,
  });
}

export default ruleGroup({
  name: 'gateway-outbox',
  interval: '30s',
  rules: [
    alert({
      name: 'GatewayOutboxBacklog',
      // 1000 unbilled requests is the most spend we let budgets not see before someone looks.
      expr: m.outboxDepth.gt(1000),
      for: '5m',
      severity: 'ticket',
      summary: 'More than 1000 budget debits have been waiting in the outbox for 5 minutes.',
      description: ({ labels, value }) =>
        `${value} budget debits are queued in the outbox of ${labels.instance}: the control plane is not accepting them fast enough, ` +
        'so budgets lag real spend and teams near their limit can overspend. Check the control plane /budget/debit endpoint and the flush failures.',
      dashboard,
      labels: team,
    }),
    alert({
      name: 'GatewayOutboxFillRatioHigh',
      // Half full leaves the other half as time to act before a full outbox starts dropping debits.
      expr: m.outboxDepth.div(m.outboxCapacity).gt(0.5),
      for: '5m',
      severity: 'ticket',
      summary: 'A budget outbox has been more than half full for 5 minutes.',
      description: ({ labels, value }) =>
        `The budget outbox of ${labels.instance} is ${value.humanizePercentage()} full. Bursts drain on their own; a steady climb means flushes are failing, ` +
        'and once it is full new debits are dropped for good. Check the flush failures and the control plane.',
      dashboard,
      labels: team,
    }),
    alert({
      name: 'GatewayOutboxFlushFailing',
      // A healthy control plane accepts every flush; 10 minutes of failures is more than a blip the retries absorb.
      // Summed over causes: a control plane alternating timeouts and 5xx must not reset `for` each time the cause changes.
      expr: sum(rate(m.outboxFlushFailures, '5m')).by('instance').gt(0),
      for: '10m',
      severity: 'ticket',
      summary: 'Budget outbox flushes have been failing for 10 minutes.',
      description: ({ labels, value }) =>
        `Outbox flushes from ${labels.instance} are failing (${value.humanize()} per second over 5 minutes; the dashboard splits them by cause). ` +
        'The debits stay queued and are retried, so nothing is lost yet, but budgets fall behind and the outbox fills. Check the control plane /budget/debit latency and errors.',
      dashboard,
      labels: team,
    }),
    dropAlert('rejected_4xx', {
      name: 'GatewayOutbox4xxDrops',
      summary: 'The control plane is rejecting budget debits with 4xx, and they are dropped.',
      description: ({ labels, value }) =>
        `${labels.instance} dropped ${value.humanize()} budget debits in the last 15 minutes because the control plane rejected them with a 4xx. ` +
        'Rejected debits are never retried: their spend is lost to budgets. Most often the gateway secret drifted after a rotation; otherwise the debit payload changed.',
    }),
    dropAlert('overflow', {
      name: 'GatewayOutboxOverflowDrops',
      summary: 'The budget outbox is full and new debits are being dropped.',
      description: ({ labels, value }) =>
        `${labels.instance} dropped ${value.humanize()} budget debits in the last 15 minutes because its outbox was full. ` +
        'Their spend is lost to budgets. The control plane has been unreachable or slow for long enough to fill the outbox: fix the flushes first.',
    }),
  ],
});
