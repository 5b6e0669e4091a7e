import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/integrations/gateway/config/schema.js';
import { TIMEOUT, WAIT } from '../support/timeouts.js';
import { spawnGateway, startBackends, writeConfig, type Backends, type GatewayProcess } from './process.js';
import { sendRaw } from './rawHttp.js';
import { eventually } from './stack.js';

/** Anything shaped like an OpenAI-style secret key. */
const SECRET = /\bsk-[A-Za-z0-9]/;

async function chat(url: string, key: string, content = 'hello', model = 'gpt-4o'): Promise<number> {
  const res = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
  });
  await res.body.dump();
  return res.statusCode;
}

/** Requests that put a key, or a secret in a prompt, in front of every logging path: success, 4xx, upstream 5xx, the HTTP parser. */
async function exercise(gw: GatewayProcess, key: string): Promise<void> {
  expect(await chat(gw.url, key)).toBe(200);
  expect(await chat(gw.url, 'sk-guessed-0123456789abcdef')).toBe(401);
  expect(await chat(gw.url, key, `my key is sk-${'a'.repeat(32)}`)).toBe(400);
  const broken = await sendRaw(gw.url, `POST /v1/chat/completions HTTP/1.1\r\nhost: g\r\nauthorization: Bearer ${key}\r\ntransfer-encoding: chunked\r\n\r\nZZ\r\n`);
  expect(broken.status).toBe(400);
}

describe('no API key reaches the gateway logs', () => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await startBackends();
  }, TIMEOUT.serverStart);
  afterAll(() => backends.close());

  it('on the embedded config with the access log: start-up, requests, a failing upstream, a refused reload', async () => {
    const gw = await spawnGateway(['--access-log']);
    try {
      await eventually(() => gw.stderr().includes('embedded default config'), WAIT.local, 'the start-up log line');
      await exercise(gw, 'sk-lookout-search');
      // Both built-in providers failing: a 502, logged at warn whether or not the access log is on.
      const { providerA, providerB } = JSON.parse(gw.stderr().split('\n').find((l) => l.includes('embedded default config'))!) as Record<string, string>;
      for (const provider of [providerA, providerB]) {
        const res = await request(`${provider}/admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorRate: 1 }) });
        expect(res.statusCode).toBe(200);
        await res.body.dump();
      }
      expect(await chat(gw.url, 'sk-lookout-search')).toBe(502);
      gw.signal('SIGHUP');
      await eventually(() => gw.stderr().includes('config reload failed'), WAIT.local, 'the refused reload to be logged');
      await eventually(() => gw.stderr().split('\n').filter((l) => l.includes('"msg":"request"')).length >= 4, WAIT.local, 'the access log lines');
      expect(gw.stderr()).not.toMatch(SECRET);
    } finally {
      gw.signal('SIGKILL');
      await gw.exited();
    }
  });

  it('on a config file: an upstream key read from a file, a reload refused because a key was pasted in clear', async () => {
    const { base, dir } = backends;
    const keyFile = path.join(dir, 'provider-a.key');
    await writeFile(keyFile, 'sk-upstream-secret-from-a-file\n');
    const file = path.join(dir, 'secrets.yaml');
    const config: ConfigInput = { ...base, providers: base.providers.map((p) => (p.name === 'provider-a' ? { ...p, credentials: [{ name: 'primary', apiKeyFile: keyFile }] } : p)) };
    await writeConfig(file, config);
    const gw = await spawnGateway(['--config', file, '--access-log']);
    try {
      await exercise(gw, 'sk-lookout-search');
      await writeConfig(file, { ...config, keys: config.keys!.map((k, i) => (i === 0 ? { ...k, sha256: 'sk-pasted-in-clear-by-mistake' } : k)) });
      gw.signal('SIGHUP');
      await eventually(() => gw.stderr().includes('config reload failed'), WAIT.local, 'the refused reload to be logged');
      expect(gw.stderr()).toMatch(/keys\[0\]\.sha256/);
      expect(gw.stderr()).not.toMatch(SECRET);
    } finally {
      gw.signal('SIGKILL');
      await gw.exited();
    }
  });
});
