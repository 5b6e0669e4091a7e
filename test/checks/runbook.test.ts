import { checkCases } from '../support/checkCases.js';
import { runbookDiagnostics } from './runbooks.js';
import { shopAlert } from './shopAlert.js';

const page = shopAlert({ severity: 'page' });

checkCases('runbook/template', {
  run: runbookDiagnostics,
  pass: [
    { name: 'the built-in layout', input: { rule: page, files: { 'runbooks/alerts/shop-traffic-high.md': 'Scale the shop out.\n' } } },
    { name: 'steps with a closed block', input: { rule: page, files: { 'runbooks/alerts/shop-traffic-high.hbs': 'Scale out.\n{{#if alert.team}}\nCall {{alert.team}}.\n{{/if}}\n' } } },
  ],
  fail: [
    {
      name: 'steps with a block left open',
      input: { rule: page, files: { 'runbooks/alerts/shop-traffic-high.hbs': 'Scale out.\n{{#if alert.team}}\nCall {{alert.team}}.\n' } },
      expect: { severity: 'error', file: 'runbooks/alerts/shop-traffic-high.hbs', message: 'template syntax error' },
    },
    {
      name: 'a misspelled field',
      input: { rule: page, files: { 'runbooks/alerts/shop-traffic-high.hbs': 'Scale out.\nCall {{alert.taem}}.\n' } },
      expect: { severity: 'error', file: 'runbooks/alerts/shop-traffic-high.hbs', line: 2, path: 'ShopTrafficHigh', message: '"taem" not defined' },
    },
    {
      name: 'a layout including a partial that does not exist',
      input: { rule: page, files: { 'runbooks/layout.hbs': '# {{alert.name}}\n\n{{> stepz}}\n', 'runbooks/alerts/shop-traffic-high.md': 'Scale out.\n' } },
      expect: { file: 'runbooks/layout.hbs', line: 3, message: 'unknown partial "stepz"' },
    },
  ],
});
