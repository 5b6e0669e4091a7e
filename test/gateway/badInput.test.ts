import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { BAD_REQUESTS } from '../fixtures/gateway/badRequests.js';
import { spawnGateway, startBackends, writeConfig, type Backends, type GatewayProcess } from './process.js';
import { sendRaw } from './rawHttp.js';
import { parseSamples } from './stack.js';

describe('a corpus of bad requests gets 4xx answers in OpenAI error shape, and the gateway stays up', () => {
  let backends: Backends;
  let gw: GatewayProcess;

  beforeAll(async () => {
    backends = await startBackends();
    const { base, dir } = backends;
    await writeConfig(path.join(dir, 'gateway.yaml'), { ...base, server: { ...base.server, maxBodyBytes: 64 * 1024 } });
    gw = await spawnGateway(['--config', path.join(dir, 'gateway.yaml')]);
  });
  afterAll(async () => {
    gw.signal('SIGTERM');
    await gw.exited();
    await backends.close();
  });

  for (const bad of BAD_REQUESTS) {
    it(`answers ${bad.status ?? 'a 4xx'} to ${bad.name}`, async () => {
      const answer = await sendRaw(gw.url, bad.raw);
      expect(answer.closedWithoutAnswer, 'the gateway closed the connection without an answer').toBe(false);
      if (bad.status) expect(answer.status).toBe(bad.status);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      const error = (JSON.parse(answer.body) as { error: { message: string; type: string } }).error;
      expect(typeof error.message).toBe('string');
      expect(typeof error.type).toBe('string');
    });
  }

  it('is still up and serving after the whole corpus, counted no 5xx, and logged no stack trace or prompt', async () => {
    const health = await request(`${gw.url}/healthz`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    const ok = await request(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'still there?' }] }),
    });
    expect(ok.statusCode).toBe(200);
    await ok.body.dump();
    const m = parseSamples(await (await request(`${gw.url}/metrics`)).body.text());
    expect(m.samples.filter((s) => s.name === 'gateway_requests_total' && s.labels.code!.startsWith('5') && s.value > 0)).toEqual([]);
    expect(gw.stderr()).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(gw.stderr()).not.toContain('sk-lookout-search');
    expect(gw.stderr()).not.toContain('still there?');
  });
});
