import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/engine/compiler/generate.js';
import { makeProject, removeProject } from '../compiler/project.js';
import { TIMEOUT } from '../support/timeouts.js';
import { expectPromtoolPasses } from './project.js';

const CATALOG = `import { counter, defineMetrics } from 'lookout';

export const orders = defineMetrics({
  jobs: ['orders-api', 'orders-worker'],
  metrics: {
    requests: counter({ name: 'http_requests_total', help: 'HTTP requests answered, by status code.', labels: { code: ['200', '500'] } }),
  },
});
`;

const CONFIG = `import { defineProject } from 'lookout';
import { shop } from './metrics.js';
import { orders } from './orders.metrics.js';

export default defineProject({
  name: 'shop',
  catalogs: [shop, orders],
  scrapeInterval: '15s',
  evaluationInterval: '1m',
  retention: '35d',
  scrapeTargets: { 'orders-api': ['api:8080'], 'orders-worker': ['worker:8080'] },
});
`;

const RULES = `import { alert, ruleGroup } from 'lookout'; import { rate, re, sum } from 'lookout/promql';
import { orders } from '../orders.metrics.js';

const m = orders.metrics;
const worker = m.requests.where({ job: 'orders-worker' });

export default ruleGroup({
  name: 'orders',
  rules: [
    alert({
      name: 'OrdersWorkerErrors',
      expr: sum(rate(worker.where({ code: re('5..') }), '5m')).div(sum(rate(worker, '5m'))).gt(0.05),
      for: '5m',
      severity: 'ticket',
      summary: 'Order worker callbacks fail.',
      description: 'More than 5% of worker callbacks failed over 5 minutes.',
    }),
  ],
});
`;

describe('one catalog for the metrics several scrape jobs expose', () => {
  it('gets a scrape config per job, a typed query on the second job, and tests whose series carry that job', async () => {
    const dir = makeProject({ 'orders.metrics.ts': CATALOG, 'lookout.config.ts': CONFIG, 'rules/orders.ts': RULES });
    try {
      const generated = await generate({ root: dir });
      expect(generated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(generated.diagnostics.filter((d) => d.code === 'test/not-generated')).toEqual([]);
      const config = readFileSync(path.join(dir, 'generated/prometheus/prometheus.yml'), 'utf8');
      expect(config).toContain('job_name: orders-api');
      expect(config).toContain('job_name: orders-worker');
      const tests = readFileSync(path.join(dir, 'generated/prometheus/tests/orders.test.yml'), 'utf8');
      expect(tests).toContain('job="orders-worker"');
      expect(tests).not.toContain('job="orders-api"');
      await expectPromtoolPasses(dir);
    } finally {
      removeProject(dir);
    }
  }, TIMEOUT.validate);
});
