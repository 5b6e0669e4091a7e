import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/integrations/gateway/config/default.js';
import { formatProblems, loadConfigFile, parseConfig } from '../../src/integrations/gateway/config/load.js';

const base = defaultConfig({ providerA: 'http://127.0.0.1:1', providerB: 'http://127.0.0.1:2', ledger: 'http://127.0.0.1:3' });

function problems(config: unknown): string {
  const result = parseConfig(config, 'gateway.yaml');
  return result.ok ? 'ok' : formatProblems(result.problems);
}

describe('gateway config validation names the field of every problem', () => {
  it('accepts the embedded default config and fills in the defaults', () => {
    const result = parseConfig(base);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config.retry).toEqual({ maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 2000 });
      expect(result.config.server.maxBodyBytes).toBe(1_048_576);
    }
  });

  it('rejects a model target on a provider that does not exist', () => {
    expect(problems({ ...base, models: [{ name: 'm', targets: [{ provider: 'nope' }] }], prices: { m: { inputPerMillionUsd: 1, outputPerMillionUsd: 1 } } })).toBe(
      'gateway.yaml: models[0].targets[0].provider: unknown provider "nope" (providers: provider-a, provider-b)',
    );
  });

  it('rejects a model without a price, since its requests would never be charged', () => {
    expect(problems({ ...base, prices: {} })).toContain('gateway.yaml: prices: no price for model "gpt-4o"');
  });

  it('rejects a guardrail pattern that is not a regular expression', () => {
    expect(problems({ ...base, guardrails: [{ name: 'bad', pattern: '([a-z', action: 'block' }] })).toMatch(/^gateway\.yaml: guardrails\[0\]\.pattern: not a valid regular expression/);
  });

  it('rejects a guardrail pattern that cannot be matched in linear time, naming the construct', () => {
    const guardrails = (...patterns: string[]) => ({ ...base, guardrails: patterns.map((pattern, i) => ({ name: `g${i}`, pattern, action: 'block' as const })) });
    const out = problems(guardrails('[a-z]+@[a-z]+', '(a+)\\1', '(?<w>a)\\k<w>', 'sk-(?=[0-9])', 'x(?!y)', '(?<=@)corp', '(?<!\\.)com', '\\u00e9'));
    expect(out.split('\n')).toEqual([
      'gateway.yaml: guardrails[1].pattern: cannot be matched in linear time: a backreference (`\\1`) needs a backtracking engine; guardrail patterns are RE2 syntax, without backreferences or lookaround',
      'gateway.yaml: guardrails[2].pattern: cannot be matched in linear time: a backreference (`\\k`) needs a backtracking engine; guardrail patterns are RE2 syntax, without backreferences or lookaround',
      'gateway.yaml: guardrails[3].pattern: cannot be matched in linear time: lookahead (`(?=`) needs a backtracking engine; guardrail patterns are RE2 syntax, without backreferences or lookaround',
      'gateway.yaml: guardrails[4].pattern: cannot be matched in linear time: lookahead (`(?!`) needs a backtracking engine; guardrail patterns are RE2 syntax, without backreferences or lookaround',
      'gateway.yaml: guardrails[5].pattern: cannot be matched in linear time: lookbehind (`(?<=`) needs a backtracking engine; guardrail patterns are RE2 syntax, without backreferences or lookaround',
      'gateway.yaml: guardrails[6].pattern: cannot be matched in linear time: lookbehind (`(?<!`) needs a backtracking engine; guardrail patterns are RE2 syntax, without backreferences or lookaround',
      'gateway.yaml: guardrails[7].pattern: not a valid regular expression (RE2 syntax): invalid escape sequence: `\\u` (RE2 writes a code point as \\x{00e9})',
    ]);
  });

  it('screens at most 262144 characters at once unless screening.maxChars says otherwise', () => {
    const result = parseConfig(base);
    expect(result.ok && result.config.screening.maxChars).toBe(262_144);
    expect(problems({ ...base, screening: { maxChars: 0 } })).toMatch(/^gateway\.yaml: screening\.maxChars: /);
  });

  it('rejects a key stored in clear instead of as its SHA-256, and a key of an unknown team', () => {
    const out = problems({ ...base, keys: [{ id: 'k', team: 'ghosts', sha256: 'sk-lookout-search' }] });
    expect(out).toContain('keys[0].sha256: a lowercase hex SHA-256 (64 characters)');
    expect(problems({ ...base, keys: [{ id: 'k', team: 'ghosts', sha256: 'a'.repeat(64) }] })).toContain('keys[0].team: unknown team "ghosts"');
  });

  it('rejects unknown fields, so a misspelt setting is not silently ignored', () => {
    expect(problems({ ...base, retry: { maxAttempt: 3 } })).toBe('gateway.yaml: retry: unknown field "maxAttempt"');
  });

  it('rejects duplicate names, and an admin port equal to the main port', () => {
    expect(problems({ ...base, providers: [...base.providers, base.providers[0]] })).toContain('providers[2].name: "provider-a" is declared twice');
    expect(problems({ ...base, server: { port: 9000, adminPort: 9000 } })).toContain('server.adminPort: must differ from server.port');
  });
});

describe('gateway config files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-config-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function load(name: string, text: string) {
    const file = path.join(dir, name);
    await writeFile(file, text);
    const result = await loadConfigFile(file);
    return result.ok ? 'ok' : formatProblems(result.problems).replaceAll(dir + path.sep, '');
  }

  it('points a problem at the line of the offending field', async () => {
    const text = ['providers:', '  - name: a', '    baseUrl: ftp://example.com/v1', 'models:', '  - name: m', '    targets: [{ provider: a }]', 'prices:', '  m: { inputPerMillionUsd: 1, outputPerMillionUsd: 1 }', ''].join('\n');
    expect(await load('bad-url.yaml', text)).toMatch(/^bad-url\.yaml:3: providers\[0\]\.baseUrl: /);
  });

  it('reports YAML syntax errors with their line, and a missing file by its name', async () => {
    expect(await load('syntax.yaml', 'providers:\n  - name: a\n   baseUrl: x\n')).toMatch(/^syntax\.yaml:3: not valid YAML/);
    const missing = await loadConfigFile(path.join(dir, 'missing.yaml'));
    expect(missing.ok ? '' : formatProblems(missing.problems)).toMatch(/missing\.yaml: cannot read: ENOENT/);
  });

  it('rejects a duplicated key in the YAML rather than keeping the last one', async () => {
    expect(await load('dup.yaml', 'providers: []\nproviders: []\n')).toMatch(/^dup\.yaml:2: not valid YAML/);
  });
});

describe('the example config shipped in src/integrations/gateway/config/example.yaml', () => {
  it('is valid', async () => {
    const result = await loadConfigFile(new URL('../../src/integrations/gateway/config/example.yaml', import.meta.url).pathname);
    expect(result.ok ? 'ok' : formatProblems(result.problems)).toBe('ok');
  });
});
