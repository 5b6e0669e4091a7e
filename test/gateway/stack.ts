import { request } from 'undici';
import { DEFAULT_BUDGETS_USD, defaultConfig } from '../../src/integrations/gateway/config/default.js';
import { parseConfig, formatProblems } from '../../src/integrations/gateway/config/load.js';
import type { ConfigInput } from '../../src/integrations/gateway/config/schema.js';
import { Gateway } from '../../src/integrations/gateway/gateway.js';
import { startLedger, type Ledger } from '../../src/integrations/gateway/ledger/server.js';
import { silentLogger } from '../../src/integrations/gateway/log.js';
import { startMockProvider, type MockProvider, type MockProviderOptions } from '../../src/integrations/gateway/mock/server.js';
import type { FaultsPatch } from '../../src/integrations/gateway/mock/faults.js';
import type { Timers } from '../../src/integrations/gateway/timers.js';
import { pollFor } from '../support/poll.js';
import { WAIT } from '../support/timeouts.js';

/** A gateway on 127.0.0.1 in this process with two mock providers and a ledger, on ports picked at run time. */
export interface Stack {
  readonly gateway: Gateway;
  readonly providerA: MockProvider;
  readonly providerB: MockProvider;
  readonly ledger: Ledger;
  /** POST /v1/chat/completions with the search team's key unless `key` says otherwise. */
  chat(body: Record<string, unknown>, options?: { key?: string | null; headers?: Record<string, string> }): Promise<Answer>;
  /** Every sample of the current /metrics, parsed. */
  metrics(): Promise<Samples>;
  close(): Promise<void>;
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): any;
}

export interface StackOptions {
  /** Changes to the default config; arrays replace, objects merge one level deep. */
  config?: (base: ConfigInput) => ConfigInput;
  faultsA?: FaultsPatch;
  faultsB?: FaultsPatch;
  /** More options for provider-a's mock, e.g. the key it requires. */
  mockA?: MockProviderOptions;
  budgets?: Record<string, number>;
  /** The circuits' timers, e.g. a ManualClock, so that a test says when an open circuit turns half-open. */
  circuitTimers?: Timers;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [providerA, providerB, ledger] = await Promise.all([
    startMockProvider({ name: 'provider-a', faults: options.faultsA, ...options.mockA }),
    startMockProvider({ name: 'provider-b', faults: options.faultsB }),
    startLedger({ budgets: options.budgets ?? DEFAULT_BUDGETS_USD }),
  ]);
  const base = defaultConfig({ providerA: providerA.url, providerB: providerB.url, ledger: ledger.url }, 0);
  const parsed = parseConfig(options.config ? options.config(base) : base);
  if (!parsed.ok) throw new Error(formatProblems(parsed.problems));
  const gateway = await Gateway.start({ config: parsed.config, logger: silentLogger, circuitTimers: options.circuitTimers });
  return {
    gateway,
    providerA,
    providerB,
    ledger,
    async chat(body, opts = {}) {
      const key = opts.key === undefined ? 'sk-lookout-search' : opts.key;
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.headers ?? {}) };
      if (key !== null) headers.authorization = `Bearer ${key}`;
      const res = await request(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body) });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
    },
    async metrics() {
      return parseSamples((await gateway.scrape()).body);
    },
    async close() {
      await gateway.close();
      await Promise.all([providerA.close(), providerB.close(), ledger.close()]);
    },
  };
}

/** A chat request body for `model` with one user message. */
export const ask = (model = 'gpt-4o', content = 'hello there', extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: 'user', content }], ...extra });

/** Parsed exposition-format samples, with a sum over every series matching some labels. */
export class Samples {
  constructor(readonly samples: readonly { name: string; labels: Record<string, string>; value: number }[]) {}

  /** The sum of `name` over every series whose labels include `labels`; 0 when none matches. */
  sum(name: string, labels: Record<string, string> = {}): number {
    let total = 0;
    for (const s of this.samples) {
      if (s.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) total += s.value;
    }
    return total;
  }

  /** Whether any series of `name` matches `labels`. */
  has(name: string, labels: Record<string, string> = {}): boolean {
    return this.samples.some((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  }
}

export function parseSamples(text: string): Samples {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    out.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return new Samples(out);
}

/** Polls `check` every 20 ms until it returns true or `ms` pass; the last failure's message is kept. */
export async function eventually(check: () => Promise<boolean> | boolean, ms: number = WAIT.local, what = 'condition'): Promise<void> {
  await pollFor(what, ms, check, 20);
}
