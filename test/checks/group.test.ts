import { ruleGroup } from '../../src/library/index.js';
import { checkCases } from '../support/checkCases.js';
import { analyzeRuleModules } from './project.js';
import { shopAlert } from './shopAlert.js';


const high = shopAlert({ name: 'ShopTrafficHigh' });
const veryHigh = shopAlert({ name: 'ShopTrafficVeryHigh' });

checkCases('group/duplicate-name', {
  run: analyzeRuleModules,
  pass: [{ name: 'two names in two files', input: [[ruleGroup({ name: 'traffic', rules: [high] })], [ruleGroup({ name: 'traffic-extreme', rules: [veryHigh] })]] }],
  fail: [
    {
      name: 'one name in two files',
      input: [[ruleGroup({ name: 'traffic', rules: [high] })], [ruleGroup({ name: 'traffic', rules: [veryHigh] })]],
      expect: { severity: 'error', path: 'traffic.name', message: 'rule group "traffic" is also defined in rules/a.ts' },
    },
    { name: 'one name twice in a file', input: [[ruleGroup({ name: 'traffic', rules: [high] }), ruleGroup({ name: 'traffic', rules: [veryHigh] })]], expect: { path: 'traffic.name' } },
  ],
});

checkCases('group/interval', {
  run: analyzeRuleModules,
  pass: [
    { name: 'the scrape interval', input: [[ruleGroup({ name: 'traffic', interval: '15s', rules: [high] })]] },
    { name: 'the project default', input: [[ruleGroup({ name: 'traffic', rules: [high] })]] },
  ],
  fail: [
    { name: 'faster than scrapes', input: [[ruleGroup({ name: 'traffic', interval: '10s', rules: [high] })]], expect: { severity: 'warning', path: 'traffic.interval', message: 'interval 10s is shorter than the scrape interval (15s)' } },
    { name: 'no rules', input: [[ruleGroup({ name: 'traffic', rules: [] })]], expect: { severity: 'warning', path: 'traffic.rules', message: 'rule group "traffic" has no rules' } },
  ],
});
