import { variants, type Mutation } from './mutation.js';

const C = 'lookout.config.ts';

export const CONFIG: Mutation[] = [
  ...variants('config', 'config-export', C, 'export default defineProject({', [
    ['missing-default', 'export const project = defineProject({'],
    ['default-object', "export default { kind: 'not-a-project' } as never;\nexport const project = defineProject({"],
    ['throws-error', "if (Date.now() > 0) throw new Error('no config today');\nexport default defineProject({"],
    ['throws-string', "if (Date.now() > 0) throw 'no config today';\nexport default defineProject({"],
    ['throws-undefined', 'if (Date.now() > 0) throw undefined;\nexport default defineProject({'],
    ['throws-object', "if (Date.now() > 0) throw { code: 42, why: 'no config' };\nexport default defineProject({"],
    ['default-promise', 'export default Promise.resolve(1) as never;\nexport const project = defineProject({'],
  ]),
  ...variants('config', 'config-name', C, "name: 'payments-api',", [
    ['empty', "name: '',"],
    ['space', "name: 'payments api',"],
  ]),
  ...variants('config', 'config-catalogs', C, 'catalogs: [payments],', [
    ['empty', 'catalogs: [],'],
    ['twice', 'catalogs: [payments, payments],'],
    ['null', 'catalogs: [null as never],'],
    ['not-a-catalog', 'catalogs: [{ kind: "catalog" } as never],'],
  ]),
  ...variants('config', 'config-intervals', C, "scrapeInterval: '15s',\n  evaluationInterval: '30s',", [
    ['scrape-zero', "scrapeInterval: '0s',\n  evaluationInterval: '30s',"],
    ['evaluation-zero', "scrapeInterval: '15s',\n  evaluationInterval: '0s',"],
    ['evaluation-huge', "scrapeInterval: '15s',\n  evaluationInterval: '1d',"],
    ['scrape-above-evaluation', "scrapeInterval: '5m',\n  evaluationInterval: '30s',"],
  ]),
  ...variants('config', 'config-retention', C, "retention: '35d',", [
    ['short', "retention: '1d',"],
    ['zero', "retention: '0s',"],
    ['garbage', "retention: 'forever' as never,"],
  ]),
  ...variants('config', 'config-urls', C, "runbookBaseUrl: 'https://runbooks.example.com/payments-api',\n  grafanaUrl: 'https://grafana.example.com',", [
    ['runbook-javascript', "runbookBaseUrl: 'javascript:alert(1)',\n  grafanaUrl: 'https://grafana.example.com',"],
    ['runbook-not-url', "runbookBaseUrl: 'runbooks',\n  grafanaUrl: 'https://grafana.example.com',"],
    ['grafana-javascript', "runbookBaseUrl: 'https://runbooks.example.com/payments-api',\n  grafanaUrl: 'javascript:alert(1)',"],
  ]),
  ...variants('config', 'config-targets', C, "scrapeTargets: { 'payments-api': ['localhost:8080'] },\n  alertmanagers: ['localhost:9093'],", [
    ['target-no-port', "scrapeTargets: { 'payments-api': ['localhost'] },\n  alertmanagers: ['localhost:9093'],"],
    ['target-unknown-job', "scrapeTargets: { 'billing': ['localhost:8080'] },\n  alertmanagers: ['localhost:9093'],"],
    ['alertmanager-garbage', "scrapeTargets: { 'payments-api': ['localhost:8080'] },\n  alertmanagers: ['::'],"],
    ['external-labels-bad', "scrapeTargets: { 'payments-api': ['localhost:8080'] },\n  alertmanagers: ['localhost:9093'],\n  externalLabels: { '1x': 'y' },"],
    ['rule-labels-bad', "scrapeTargets: { 'payments-api': ['localhost:8080'] },\n  alertmanagers: ['localhost:9093'],\n  prometheusRuleLabels: { __name__: 'y' },"],
    ['external-url-bad', "scrapeTargets: { 'payments-api': ['localhost:8080'] },\n  alertmanagers: ['localhost:9093'],\n  externalUrl: 'not a url',"],
  ]),
];
