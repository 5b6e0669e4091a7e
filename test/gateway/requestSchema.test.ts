import { describe, expect, it } from 'vitest';
import { chatRequestSchema, parseChatRequest } from '../../src/integrations/gateway/chat/request.js';
import { GatewayError } from '../../src/integrations/gateway/http/errors.js';

// parseChatRequest checks the common body by hand and leaves the rest to zod. Whatever the
// body, it must accept exactly what the schema accepts, with the same data.

const valid = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }], name: 'ann' },
    { role: 'assistant', content: null, tool_calls: [] },
  ],
  stream: true,
  stream_options: { include_usage: true },
  max_tokens: 100,
  max_completion_tokens: 50,
  n: 2,
  temperature: 0.2,
};

const odd: unknown[] = [undefined, null, 0, -1, 1, 1.5, 16, 17, 2 ** 60, Number.MAX_SAFE_INTEGER, '', 'x', 'text', 'user', 'a'.repeat(257), true, false, [], {}, [{}], [{ type: '' }], [{ type: 'text' }], [{ type: 'text', text: 3 }], [null], { include_usage: 'yes' }];

/** Every field of the valid body (and of its first parts) set to each odd value in turn. */
function variants(): unknown[] {
  const out: unknown[] = [valid, { model: 'm', messages: [{ role: 'user' }] }];
  const paths: (string | number)[][] = [['model'], ['messages'], ['stream'], ['stream_options'], ['stream_options', 'include_usage'], ['max_tokens'], ['max_completion_tokens'], ['n'], ['messages', 0], ['messages', 0, 'role'], ['messages', 0, 'content'], ['messages', 0, 'name'], ['messages', 1, 'content', 0], ['messages', 1, 'content', 0, 'type'], ['messages', 1, 'content', 1, 'type']];
  for (const path of paths) {
    for (const value of odd) {
      const body = structuredClone(valid) as Record<string | number, unknown>;
      let at = body;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      if (value === undefined) delete at[path.at(-1)!];
      else at[path.at(-1)!] = structuredClone(value);
      out.push(body);
    }
  }
  out.push({ ...valid, messages: Array.from({ length: 10_001 }, () => ({ role: 'user', content: 'x' })) });
  return out;
}

describe('parseChatRequest', () => {
  const cases = variants();

  it(`accepts exactly what the schema accepts, with the same data (${cases.length} bodies)`, () => {
    let accepted = 0;
    for (const body of cases) {
      const schema = chatRequestSchema.safeParse(body);
      let ours: unknown;
      let error: unknown;
      try {
        ours = parseChatRequest(body);
      } catch (e) {
        error = e;
      }
      if (schema.success) {
        accepted++;
        expect(error, JSON.stringify(body).slice(0, 200)).toBeUndefined();
        expect(ours).toEqual(schema.data);
      } else {
        expect(error, JSON.stringify(body).slice(0, 200)).toBeInstanceOf(GatewayError);
      }
    }
    // Both halves of the property were exercised.
    expect(accepted).toBeGreaterThan(20);
    expect(cases.length - accepted).toBeGreaterThan(100);
  });

  it('names the wrong field of a body the hand check turned down', () => {
    expect(() => parseChatRequest({ ...valid, n: 17 })).toThrow(/invalid 'n'/);
    expect(() => parseChatRequest({ ...valid, max_tokens: 2 ** 60 })).toThrow(/invalid 'max_tokens'/);
    expect(() => parseChatRequest({ model: 'm', messages: [{ role: 'robot' }] })).toThrow(/invalid 'messages\[0\]\.role'/);
  });
});
