import path from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { TIMEOUT, WAIT } from '../support/timeouts.js';
import { spawnGateway, startBackends, writeConfig } from './process.js';
import { ask, eventually, parseSamples, startStack, type Stack } from './stack.js';

const MiB = 1 << 20;

describe('guardrails cannot stall the gateway', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  // Before linear-time matching, the first of these prompts held the event loop for hours in
  // the pii-email pattern (40 KB of "a": 8 s), so no request finished and /healthz waited. The
  // gateway runs as a process of its own, so that this test keeps its own clock: a gateway that
  // stalls fails it at the deadline instead of stopping it.
  it(
    'keeps answering /healthz while 1 MiB prompts go through the default guardrails',
    async () => {
      const backends = await startBackends();
      // The providers take a while to answer, so the prompts stay in flight after they are
      // screened whatever this machine's speed: /healthz has a window to be answered in.
      backends.providerA.setFaults({ latencyMs: { p50: 300 } });
      backends.providerB.setFaults({ latencyMs: { p50: 300 } });
      const file = path.join(backends.dir, 'screening.yaml');
      await writeConfig(file, { ...backends.base, server: { ...backends.base.server, maxBodyBytes: 8 * MiB }, screening: { maxChars: 2 * MiB } });
      const gw = await spawnGateway(['--config', file]);
      const timeouts = { headersTimeout: WAIT.local, bodyTimeout: WAIT.local };
      try {
        const emails = Math.floor(MiB / 7);
        const prompts = [
          { content: 'a'.repeat(MiB), status: 200 },
          { content: 'a@'.repeat(MiB / 2), status: 200 },
          { content: 'a@b.cd '.repeat(emails), status: 200 },
          { content: 'a '.repeat(MiB / 2) + 'sk-' + 'a1'.repeat(15), status: 400 },
        ];
        let inFlight = prompts.length;
        const latencies: number[] = [];
        const poller = (async () => {
          while (inFlight > 0) {
            const sent = performance.now();
            const res = await request(`${gw.url}/healthz`, timeouts);
            await res.body.text();
            expect(res.statusCode).toBe(200);
            if (inFlight > 0) latencies.push(performance.now() - sent);
          }
        })();
        const chat = async (content: string) => {
          const res = await request(`${gw.url}/v1/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lookout-search' },
            body: JSON.stringify(ask('gpt-4o', content)),
            ...timeouts,
          });
          return { status: res.statusCode, json: (await res.body.json()) as { error?: { code?: string } } };
        };
        // Awaited together, so that whichever fails first is the failure and the other is handled.
        const [answers] = await Promise.all([Promise.all(prompts.map((p) => chat(p.content).finally(() => inFlight--))), poller]);

        expect(answers.map((a) => a.status)).toEqual(prompts.map((p) => p.status));
        expect(answers[3]!.json.error?.code).toBe('content_policy_violation');
        expect(latencies.length).toBeGreaterThanOrEqual(prompts.length);
        const m = parseSamples(await (await request(`${gw.url}/metrics`, timeouts)).body.text());
        expect(m.sum('gateway_policy_evaluations_total', { policy: 'pii-email', stage: 'request', verdict: 'redact' })).toBe(1);
        expect(m.sum('gateway_policy_evaluations_total', { policy: 'secret-key', stage: 'request', verdict: 'block' })).toBe(1);
        const sorted = [...latencies].sort((a, b) => a - b);
        console.log(
          `/healthz answered ${latencies.length} times while ${prompts.length} 1 MiB prompts were in flight: ` +
            `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, slowest ${sorted.at(-1)!.toFixed(1)} ms`,
        );
      } finally {
        gw.child.kill('SIGKILL');
        await gw.exited();
        await backends.close();
      }
    },
    TIMEOUT.live,
  );

  it('refuses text longer than screening.maxChars unread: a prompt with 413, a response with 502, a stream chunk with content_filter', async () => {
    // Four characters: "hi" is screened, "hello" is not, and so is every completion and every mock word past "the".
    stack = await startStack({ config: (base) => ({ ...base, screening: { maxChars: 4 } }) });

    const prompt = await stack.chat(ask('gpt-4o', 'hello'));
    expect(prompt.status).toBe(413);
    expect(prompt.json().error).toMatchObject({ type: 'invalid_request_error', code: 'too_long_to_screen', param: 'messages' });
    expect(prompt.json().error.message).toContain('screening.maxChars');
    expect(stack.providerA.stats().requests + stack.providerB.stats().requests).toBe(0);

    const response = await stack.chat(ask('gpt-4o', 'hi'));
    expect(response.status).toBe(502);
    expect(response.json().error).toMatchObject({ type: 'upstream_error', code: 'too_long_to_screen' });

    const streamed = await stack.chat(ask('gpt-4o', 'hi', { stream: true }));
    const events = streamed.text.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(JSON.parse(events.at(-2)!.slice(6)).choices[0].finish_reason).toBe('content_filter');

    const m = await stack.metrics();
    const blocks = (policy: string, stage: string) => m.sum('gateway_policy_evaluations_total', { policy, stage, verdict: 'block' });
    expect([blocks('pii-email', 'request'), blocks('secret-key', 'request'), blocks('pii-email', 'response'), blocks('pii-email', 'stream')]).toEqual([1, 1, 1, 1]);
    expect(m.sum('gateway_requests_total', { code: '413' })).toBe(1);
    await eventually(() => stack!.ledger.events().length === 3, WAIT.local, 'audit events');
    expect(stack.ledger.events().find((e) => e.status === 413)?.policyVerdicts).toEqual({ 'request:pii-email': 'block', 'request:secret-key': 'block' });
  });
});
