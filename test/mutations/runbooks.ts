import { variants, type Mutation } from './mutation.js';

const T = 'runbooks/alerts/payments-high-error-rate.hbs';
const PARTIAL = 'runbooks/partials/oncall.hbs';
const created = (id: string, file: string, content: string): Mutation => ({ id, kind: 'runbook', file, find: '', replace: content });

export const RUNBOOKS: Mutation[] = [
  ...variants('runbook', 'runbook-template', T, '{{#if (eq alert.severity "page")}}', [
    ['unclosed-block', '{{#if (eq alert.severity "page")}}{{#each alert.labels}}'],
    ['unknown-partial', '{{> nope}}\n{{#if (eq alert.severity "page")}}'],
    ['unknown-helper', '{{frobnicate alert}}\n{{#if (eq alert.severity "page")}}'],
    ['unclosed-mustache', '{{alert.name\n{{#if (eq alert.severity "page")}}'],
    ['stray-close', '{{/each}}\n{{#if (eq alert.severity "page")}}'],
    ['unknown-field', '{{alert.nonexistent.deeper}}\n{{#if (eq alert.severity "page")}}'],
    ['helper-wrong-args', '{{#if (eq)}}x{{/if}}\n{{#if (eq alert.severity "page")}}'],
    ['triple-stash', '{{{alert.description}}}\n{{#if (eq alert.severity "page")}}'],
    ['lookup-proto', '{{lookup alert "constructor"}}\n{{#if (eq alert.severity "page")}}'],
  ]),
  ...variants('runbook', 'runbook-partial', PARTIAL, '**On call:**', [
    ['recursive', '{{> oncall}} **On call:**'],
    ['syntax', '{{#each}} **On call:**'],
    ['mutual', '{{> escalate}} **On call:**'],
  ]),
  created('runbook-partial-mutual-other', 'runbooks/partials/escalate.hbs', '{{> oncall}}\n'),
  created('runbook-layout-broken', 'runbooks/layout.hbs', '# {{alert.name}}\n{{#if slo}}\n'),
  created('runbook-layout-recursive', 'runbooks/layout.hbs', '# {{alert.name}}\n{{> layout}}\n'),
  created('runbook-layout-unknown-partial', 'runbooks/layout.hbs', '# {{alert.name}}\n{{> nothing-here}}\n'),
  created('runbook-for-unknown-alert', 'runbooks/alerts/payments-nope.md', 'Steps for an alert that does not exist.\n'),
  created('runbook-empty', 'runbooks/alerts/payments-settlement-backlog.md', ''),
  created('runbook-both-md-and-hbs', 'runbooks/alerts/payments-high-error-rate.md', 'A second runbook for the same alert.\n'),
  created('runbook-binary', 'runbooks/alerts/payments-webhook-failures.md', '\u0000\u0001\u0002 binary'),
  created('runbook-partial-bad-name', 'runbooks/partials/on call.hbs', 'x\n'),
  created('runbook-partial-shadows-builtin', 'runbooks/partials/summary.hbs', '{{> summary}}\n'),
  created('runbook-hbs-unknown-helper', 'runbooks/alerts/payments-settlement-backlog.hbs', '{{#unless}}\n'),
];
