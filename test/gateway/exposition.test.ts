import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateway as catalog } from '../../src/integrations/gateway/metrics.js';
import { promtoolCheckMetrics } from '../catalog/promtool.js';
import { ask, startStack, type Stack } from './stack.js';

describe("the gateway's /metrics after traffic of every kind", () => {
  let stack: Stack;
  let body: string;
  beforeAll(async () => {
    stack = await startStack({ faultsB: { errorRate: 0.5, omitUsageRate: 0.5 }, config: (base) => ({ ...base, retry: { maxAttempts: 2, baseDelayMs: 1 } }) });
    for (let i = 0; i < 20; i++) {
      await stack.chat(ask(i % 2 ? 'gpt-4o' : 'gpt-4o-mini', i % 3 ? 'hello' : 'mail bob@example.com', { stream: i % 4 === 0 }));
    }
    await stack.chat(ask('unknown-model'));
    await stack.chat(ask(), { key: 'sk-nope' });
    body = (await stack.gateway.scrape()).body;
  });
  afterAll(() => stack.close());

  it('passes promtool check metrics with no problem at all', () => {
    const result = promtoolCheckMetrics(body);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('exposes exactly the catalog metrics, with the catalog help text', () => {
    const helps = new Map([...body.matchAll(/^# HELP (\S+) (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    const expected = new Map(Object.values(catalog.metrics).map((m) => [m.info.name, m.info.help]));
    expect([...helps.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, help] of expected) expect(helps.get(name)).toBe(help.replace(/\\/g, '\\\\'));
  });
});
