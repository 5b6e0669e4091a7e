/**
 * The runbook templates lookout ships: the page layout a project without runbooks/layout.hbs
 * gets, and the partials any layout can use. They live in code, not in .hbs files, so the
 * published package needs no assets beside dist/. A project's runbooks/partials/<name>.hbs
 * replaces the built-in partial of the same name.
 */

const F = '```';

export const DEFAULT_LAYOUT = `# {{alert.name}}

{{> summary}}

## What it means

{{#if slo}}
{{> slo}}
{{else}}
{{> expression}}
{{/if}}

{{> links}}

## First checks

{{> first-checks}}
{{#if content}}

## What to do

{{content}}
{{/if}}
{{#if slo}}

{{> slo-steps}}
{{/if}}
`;

export const DEFAULT_PARTIALS: Readonly<Record<string, string>> = {
  summary: `> {{alert.summary}}

| severity | team | group |
| --- | --- | --- |
| {{alert.severity}} | {{#if alert.team}}{{alert.team}}{{else}}-{{/if}} | {{alert.group}} |

Description (a Prometheus template, filled in on each alert): {{alert.description}}
`,

  expression: `The alert fires when this query returns a series{{#if alert.for}} and keeps returning it for {{alert.for}}{{/if}}:

${F}promql
{{alert.expr}}
${F}

- for: {{#if alert.for}}{{alert.for}}{{else}}0s (fires on the first evaluation){{/if}}
{{#if alert.keepFiringFor}}
- keep firing for: {{alert.keepFiringFor}}
{{/if}}
{{#each alert.labels}}
- label \`{{name}}\`: \`{{value}}\`
{{/each}}
`,

  slo: `Burn-rate alert of the SLO **{{slo.id}}**: {{slo.description}}

- objective: {{slo.objective}}% over {{slo.period}} (error budget {{slo.budgetPercent}}%)
{{#if slo.groupBy}}
- evaluated per: {{slo.groupBy}}
{{/if}}
{{#each alert.labels}}
- label \`{{name}}\`: \`{{value}}\`
{{/each}}

| tier | severity | budget spent | long / short window | factor | error ratio above | for |
| --- | --- | --- | --- | --- | --- | --- |
{{#each slo.tiers}}
| {{name}} | {{severity}} | {{budgetPercent}}% | {{longWindow}} / {{shortWindow}} | {{factor}} | {{threshold}} | {{for}} |
{{/each}}

Each tier fires when both its windows burn the budget faster than its factor. The \`tier\` label of
the alert names the tier that fired; its query:

${F}promql
{{#each slo.tiers}}
# tier {{name}}
{{expr}}
{{/each}}
${F}
`,

  links: `{{#if alert.dashboardUrl}}
Dashboard: {{alert.dashboardUrl}}
{{else}}
No dashboard is linked to this alert.
{{/if}}
{{#if alert.notifies}}

Who is notified:
{{#each alert.notifies}}
- {{severity}}: {{receivers}}
{{/each}}
{{/if}}
`,

  'first-checks': `Which series fire now, and since when:

${F}sh
curl -sG '{{commands.prometheusUrl}}/api/v1/query' --data-urlencode {{shq (concat "query=" commands.alertsQuery)}}
${F}

{{#if alert.expr}}
The alert's query, evaluated now (its labels say where the problem is):

${F}sh
promtool query instant {{commands.prometheusUrl}} {{shq alert.expr}}
${F}

{{/if}}
{{#if slo}}
The error ratio of each tier's windows, and the budget left:

${F}sh
{{#each slo.tiers}}
promtool query instant {{../commands.prometheusUrl}} {{shq longRatioQuery}}
promtool query instant {{../commands.prometheusUrl}} {{shq shortRatioQuery}}
{{/each}}
promtool query instant {{commands.prometheusUrl}} {{shq slo.budgetRemainingQuery}}
${F}

{{/if}}
Silence it while you work on it (say why in the comment):

${F}sh
amtool silence add --alertmanager.url={{commands.alertmanagerUrl}} --duration=1h --comment='investigating' {{commands.silenceMatchers}}
${F}
`,

  'slo-steps': `## Burning error budget: what to do

1. Read the \`tier\` label: the 1h and 6h tiers mean the budget is going fast (a page), the
   longer ones a slow leak (a ticket). Compare the long and short window ratios above: a short
   window below the threshold means the burn has already stopped and the alert resolves soon.
{{#if slo.groupBy}}
2. The SLO is evaluated per {{slo.groupBy}}: the alert's labels name the one that burns. Check
   whether the others are healthy; one bad {{slo.groupBy}} points at that dependency, all of
   them at the service itself.
{{else}}
2. Break the error ratio down by the labels of the SLI's metric (instance, provider, route) on
   the dashboard to see whether one replica or dependency carries the errors.
{{/if}}
3. Line the start of the burn up with deploys, config changes and dependency incidents; roll
   back a change that coincides before digging further.
4. Check the budget left: with little budget remaining, freeze risky changes until it recovers.
`,
};
