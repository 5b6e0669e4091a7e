// Type-level tests: `tsc --noEmit` (part of npm test) fails if a line marked with a
// ts-expect-error directive compiles, so each one proves a mistake is a compile error.
import { alert, series } from 'lookout';
import { histogramQuantile, not, rate, re, sum, increase, avgOverTime } from 'lookout/promql';
import { gateway } from '../../src/integrations/gateway/metrics.js';

const m = gateway.metrics;

// Correct uses compile.
const errors = sum(rate(m.requests.where({ code: re('5..'), route: 'chat_completions' }), '5m')).by('provider');
const total = sum(rate(m.requests, '5m')).by('provider');
const p99 = histogramQuantile(0.99, sum(rate(m.requestDuration.bucket, '5m')).by('le', 'provider'));
const fast = rate(m.requestDuration.bucket.where({ le: '0.5' }), '5m');
m.requests.where({ code: ['500', '502'], stream: not('true') });
m.circuitState.is('open');
avgOverTime(m.outboxDepth, '10m');
increase(m.outboxDropped.where({ reason: 'overflow' }), '15m');
alert({
  name: 'Ok',
  expr: errors.div(total).gt(0.05),
  severity: 'page',
  summary: 'Fine.',
  description: ({ labels, value }) => `${labels.provider} ${value.humanizePercentage()}`,
});
void p99;
void fast;

// An unknown metric does not exist on the catalog.
// @ts-expect-error
m.requestz;

// An unknown label in a matcher.
// @ts-expect-error
m.requests.where({ status: '500' });

// A value outside a closed set, directly and through not().
// @ts-expect-error
m.requests.where({ code: '5xx' });
// @ts-expect-error
m.requests.where({ code: not('5xx') });

// An le that is not one of the histogram's buckets.
// @ts-expect-error
m.requestDuration.bucket.where({ le: '0.25' });

// Grouping by a label the metric does not have.
// @ts-expect-error
sum(rate(m.requests, '5m')).by('reason');

// rate() of a gauge.
// @ts-expect-error
rate(m.outboxDepth, '5m');

// avg_over_time of a counter.
// @ts-expect-error
avgOverTime(m.requests, '5m');

// histogram_quantile after aggregating le away.
// @ts-expect-error
histogramQuantile(0.99, sum(rate(m.requestDuration.bucket, '5m')).by('provider'));

// A state the enum gauge does not have.
// @ts-expect-error
m.circuitState.is('broken');

// Seed 002's GuardrailBlockSpike: $labels.reason after an aggregation that keeps only policy.
alert({
  name: 'GuardrailBlockSpike',
  expr: sum(rate(m.policyEvaluations.where({ verdict: 'block' }), '5m')).by('policy').gt(10),
  severity: 'ticket',
  summary: 'Blocks.',
  // @ts-expect-error
  description: ({ labels }) => `blocked by ${labels.reason}`,
});

// A severity that does not exist.
// @ts-expect-error
alert({ name: 'X', expr: total.gt(1), severity: 'critical', summary: 'X.', description: 'x' });

// A duration that is not one.
// @ts-expect-error
alert({ name: 'X', expr: total.gt(1), for: '5 minutes', severity: 'page', summary: 'X.', description: 'x' });

// Hand-written test series need every label of the metric, with declared values.
series(m.streamingUsageMissing, { provider: 'openai', model: 'gpt-4o' }, '0+1x10');
// @ts-expect-error
series(m.streamingUsageMissing, { provider: 'openai' }, '0+1x10');
// @ts-expect-error
series(m.authCacheHits, { tier: 'l3' }, '0+1x10');
