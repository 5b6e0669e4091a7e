import { execa } from 'execa';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/integrations/gateway/config/default.js';
import { parseConfig } from '../../src/integrations/gateway/config/load.js';
import type { ConfigInput, GuardrailConfig } from '../../src/integrations/gateway/config/schema.js';
import { Guardrails } from '../../src/integrations/gateway/governance/guardrails.js';
import { gateway as catalog } from '../../src/integrations/gateway/metrics.js';
import { instrument, registryOf } from '../../src/library/runtime.js';
import { TIMEOUT } from '../support/timeouts.js';

const MiB = 1 << 20;
const base = defaultConfig({ providerA: 'http://127.0.0.1:1', providerB: 'http://127.0.0.1:2', ledger: 'http://127.0.0.1:3' });

/** The guardrails of `guardrails` (the default config's when left out), with `maxChars` and live instruments. */
function guardrails(maxChars: number, list: ConfigInput['guardrails'] = base.guardrails) {
  const parsed = parseConfig({ ...base, guardrails: list, screening: { maxChars } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const metrics = instrument(catalog);
  const g = new Guardrails(parsed.config.guardrails, metrics, parsed.config.screening.maxChars);
  const count = async (labels: Record<string, string>) => {
    const evaluations = (await registryOf(metrics).getMetricsAsJSON()).find((m) => m.name === 'gateway_policy_evaluations_total');
    const matching = (evaluations?.values ?? []).filter((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value));
    return matching.reduce((sum, v) => sum + v.value, 0);
  };
  return { g, count };
}

const one = (pattern: string, extra: Partial<GuardrailConfig> = {}): ConfigInput['guardrails'] => [{ name: 'p', pattern, action: 'redact', replacement: '<X>', ...extra }];

describe('guardrails run in linear time', () => {
  // Before re2js, `[a-z0-9._%+-]+@...` took time quadratic in a run of letters: 1.9 s for
  // 20 KB of "a", so hours for a MiB, all of it blocking the event loop. In a process of its
  // own, so that a return of that fails here at the deadline instead of holding this one.
  it(
    'screens 1 MiB adversarial prompts through the default guardrails',
    async () => {
      const run = await execa(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'screenLarge.ts')], { reject: false, timeout: TIMEOUT.test });
      expect(run.timedOut, 'the screening did not end by the deadline').toBe(false);
      expect(run.exitCode, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { runs: { verdicts: Record<string, string>; unchanged: boolean }[]; emails: { verdict: string; everyOneRedacted: boolean }; padded: { blockedBy?: string } };
      expect(out.runs).toHaveLength(7);
      for (const screened of out.runs) expect(screened).toEqual({ verdicts: { 'request:pii-email': 'allow', 'request:secret-key': 'allow' }, unchanged: true });
      expect(out.emails).toEqual({ verdict: 'redact', everyOneRedacted: true });
      expect(out.padded.blockedBy).toBe('secret-key');
    },
    TIMEOUT.test + 1000,
  );
});

describe('guardrail patterns keep their meaning under RE2', () => {
  it('redacts every match with the replacement, case-insensitively by default, and leaves other texts alone', () => {
    const { g } = guardrails(MiB);
    const screened = g.screen('request', ['Write to Jane.Doe@Example.COM or bob@corp.io today', 'nothing here']);
    expect(screened.texts).toEqual(['Write to [EMAIL] or [EMAIL] today', 'nothing here']);
    expect(screened.verdicts['request:pii-email']).toBe('redact');
  });

  it('reads the replacement as String.prototype.replace does: $&, numbered and named groups, $$', () => {
    const { g } = guardrails(MiB, one('(?<user>[a-z]+)@([a-z]+)\\.com', { replacement: '$<user> at $2 ($$, was $&)' }));
    const text = 'mail ann@corp.com and BOB@shop.com';
    expect(g.screen('response', [text]).texts[0]).toBe(text.replace(/(?<user>[a-z]+)@([a-z]+)\.com/gi, '$<user> at $2 ($$, was $&)'));
    expect(g.screen('response', [text]).texts[0]).toBe('mail ann at corp ($, was ann@corp.com) and BOB at shop ($, was BOB@shop.com)');
  });

  it('is case-sensitive when flags leave out i', () => {
    const { g } = guardrails(MiB, one('secret', { flags: '' }));
    expect(g.screen('request', ['SECRET secret']).texts[0]).toBe('SECRET <X>');
  });

  it('anchors ^ and $ at line ends with m, and lets . match a newline with s', () => {
    const lines = 'first\nsecret\nlast';
    expect(guardrails(MiB, one('^secret$', { flags: 'm' })).g.screen('request', [lines]).texts[0]).toBe('first\n<X>\nlast');
    expect(guardrails(MiB, one('^secret$', { flags: '' })).g.screen('request', [lines]).texts[0]).toBe(lines);
    expect(guardrails(MiB, one('first.secret', { flags: 's' })).g.screen('request', [lines]).texts[0]).toBe('<X>\nlast');
    expect(guardrails(MiB, one('first.secret', { flags: '' })).g.screen('request', [lines]).texts[0]).toBe(lines);
  });

  it('matches whole code points, with or without u', () => {
    for (const flags of ['', 'u', 'iu']) {
      expect(guardrails(MiB, one('a.b', { flags })).g.screen('request', ['xa😀by']).texts[0]).toBe('x<X>y');
    }
    expect(guardrails(MiB, one('\\x{1F600}')).g.screen('request', ['ok 😀']).texts[0]).toBe('ok <X>');
  });
});

describe('text longer than screening.maxChars', () => {
  it('is refused unread, every policy of the stage counting a block, and text at the limit is screened', async () => {
    const { g, count } = guardrails(100);
    const over = g.screen('request', ['a'.repeat(60), 'sk-' + 'a'.repeat(40)]);
    expect(over.unread).toEqual({ chars: 103, limit: 100 });
    expect(over.blockedBy).toBe('pii-email');
    expect(over.verdicts).toEqual({ 'request:pii-email': 'block', 'request:secret-key': 'block' });
    expect(await count({ stage: 'request', verdict: 'block' })).toBe(2);

    const at = g.screen('request', ['a'.repeat(50), 'me@example.com' + 'b'.repeat(36)]);
    expect(at.unread).toBeUndefined();
    expect(at.verdicts).toEqual({ 'request:pii-email': 'redact', 'request:secret-key': 'allow' });
  });

  it('is not refused at a stage no policy covers', () => {
    const { g } = guardrails(10, one('x', { stages: ['request'] }));
    const screened = g.screen('stream', ['a long chunk no policy reads']);
    expect(screened).toEqual({ texts: ['a long chunk no policy reads'], blockedBy: undefined, verdicts: {} });
  });
});
