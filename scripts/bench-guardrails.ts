/**
 * Which engine the guardrails should match with, measured (a script, not a test): V8's own
 * RegExp (what the gateway used before), re2js (what it uses), V8's experimental linear engine,
 * and, when they are installed, the native `re2` binding and `re2-wasm`. Each screens text
 * through the default config's guardrails as Guardrails.screen does (test each policy, redact
 * on a match): normal prompts first, the per-request hot path, then 1 MiB adversarial ones.
 *
 *   npx tsx scripts/bench-guardrails.ts [--modules DIR]
 *
 * `--modules` is a node_modules folder holding the optional engines, kept out of the project's
 * dependencies: `npm install --prefix /tmp/re2 re2 re2-wasm` (re2 compiles RE2 and abseil with
 * node-gyp: a C++ toolchain and minutes of CPU), then `--modules /tmp/re2/node_modules`.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { defaultConfig } from '../src/integrations/gateway/config/default.js';
import { LinearPattern } from '../src/integrations/gateway/config/linearPattern.js';

const { values: flags } = parseArgs({ options: { modules: { type: 'string' } } });

interface Matcher {
  test(text: string): boolean;
  replaceAll(text: string, replacement: string): string;
}
interface Engine {
  readonly name: string;
  /** Why it cannot run the default guardrails, when it cannot. */
  readonly refused?: string;
  compile(pattern: string, flags: string): Matcher;
}

/** A RegExp-like object with lastIndex (V8's, re2's, re2-wasm's), used as the gateway used V8's. */
function regExpLike(re: RegExp): Matcher {
  return {
    test(text) {
      re.lastIndex = 0;
      return re.test(text);
    },
    replaceAll: (text, replacement) => text.replace(re, replacement),
  };
}

function optional(name: string, build: (module: any) => Engine['compile']): Engine {
  const from = flags.modules ? createRequire(path.join(path.resolve(flags.modules), 'index.js')) : createRequire(import.meta.url);
  try {
    return { name, compile: build(from(name)) };
  } catch (e) {
    return { name, refused: `not installed (${(e as Error).message.split('\n')[0]}): see --modules`, compile: () => ({}) as Matcher };
  }
}

function v8Linear(): Engine {
  v8.setFlagsFromString('--enable-experimental-regexp-engine');
  const compile = (pattern: string, f: string) => regExpLike(new RegExp(pattern, `gl${f}`));
  const rejected: string[] = [];
  for (const g of guardrails) {
    try {
      compile(g.pattern, g.flags);
    } catch (e) {
      rejected.push(`${g.name}: ${(e as Error).message.replace(/^.*: /, '')}`);
    }
  }
  return { name: "V8's linear engine (l flag)", refused: rejected.length > 0 ? `rejects ${rejected.join('; ')} (Node ${process.versions.node}: no i, no u, no counted repeats like {24,})` : undefined, compile };
}

const guardrails = defaultConfig({ providerA: 'http://a', providerB: 'http://b', ledger: 'http://l' }).guardrails!.map((g) => ({
  name: g.name,
  pattern: g.pattern,
  flags: g.flags ?? 'i',
  action: g.action,
  replacement: g.replacement ?? '[REDACTED]',
}));

/** One request-stage screening through every default guardrail, as Guardrails.screen does it. */
function screener(engine: Engine): (text: string) => string {
  const policies = guardrails.map((g) => ({ ...g, matcher: engine.compile(g.pattern, g.flags) }));
  return (text) => {
    for (const p of policies) {
      if (!p.matcher.test(text)) continue;
      if (p.action === 'block') return '[BLOCKED]';
      text = p.matcher.replaceAll(text, p.replacement);
    }
    return text;
  };
}

const engines: Engine[] = [
  { name: "V8's RegExp (before)", compile: (pattern, f) => regExpLike(new RegExp(pattern, `g${f}`)) },
  { name: 're2js (chosen)', compile: (pattern, f) => LinearPattern.compile(pattern, f) },
  optional('re2', (RE2) => (pattern, f) => regExpLike(new RE2(pattern, `g${f}`))),
  optional('re2-wasm', (m) => (pattern, f) => regExpLike(new m.RE2(pattern, `gu${f}`))),
  v8Linear(),
];

const MiB = 1 << 20;
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const sentence = 'The on-call review found that most pages last quarter came from alert rules nobody owned, so each rule now names a team. ';
const normal: [string, string][] = [
  // The gateway benchmark's prompt (scripts/bench/gateway/request.ts).
  ['70 B, the benchmark prompt', 'Summarise in two sentences why alert rules belong in version control.'],
  ['1 KB prose with an email', fill(sentence, 1000) + ' Write to jane.doe@example.com.'],
  ['4 KB prose, no match', fill(sentence, 4096)],
  ['4 KB prose with an email', fill(sentence, 4096) + ' Write to jane.doe@example.com.'],
];
const adversarial: [string, (n: number) => string][] = [
  ['"a" repeated', (n) => fill('a', n)],
  ['"a@" repeated', (n) => fill('a@', n)],
  ['"a.a@" repeated', (n) => fill('a.a@', n)],
  ['an email every 7 chars', (n) => fill('a@b.cd ', n)],
];

/** Microseconds per call, the median of five runs of at least `ms` each. */
function perCall(f: () => unknown, ms: number): number {
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    let calls = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let i = 0; i < 50; i++) f();
      calls += 50;
      now = performance.now();
    }
    runs.push(((now - start) * 1000) / calls);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

function once(f: () => unknown): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

const usable = engines.filter((e) => !e.refused);
const screens = new Map(usable.map((e) => [e, screener(e)]));
// Every engine must agree with V8's RegExp on what the screening makes of each normal prompt.
const reference = screens.get(usable[0]!)!;
for (const [engine, screen] of screens) {
  for (const [what, text] of normal) if (screen(text) !== reference(text)) throw new Error(`${engine.name} screens "${what}" differently`);
}

console.log(`Node ${process.versions.node}; the default guardrails: ${guardrails.map((g) => `${g.name} /${g.pattern}/${g.flags} (${g.action})`).join(', ')}\n`);
for (const e of engines.filter((e) => e.refused)) console.log(`${e.name}: ${e.refused}`);

console.log('\nNormal prompts, µs per request-stage screening (both policies):');
console.log(['', ...usable.map((e) => e.name)].join(' | '));
for (const [what, text] of normal) {
  console.log([what, ...usable.map((e) => perCall(() => screens.get(e)!(text), 100).toFixed(2))].join(' | '));
}

console.log('\nAdversarial prompts of 1 MiB, ms per screening:');
console.log(['', ...usable.map((e) => e.name)].join(' | '));
// V8's RegExp is quadratic on most of these, and re2-wasm on a redaction with many matches (it
// copies the text into WebAssembly memory for every match). So each engine screens 4, 16, 64
// and 256 KiB first, stopping after one takes over a second, and screens the full MiB only if
// none did; otherwise the MiB's time is extrapolated from the growth over the last two sizes.
const steps = [4, 16, 64, 256].map((k) => k * 1024);
for (const [what, make] of adversarial) {
  const cells = usable.map((e) => {
    const screen = screens.get(e)!;
    screen(make(1024)); // compiled and warm
    const times: number[] = [];
    for (const n of steps) {
      const text = make(n);
      times.push(Math.max(0.05, Math.min(once(() => screen(text)), once(() => screen(text)))));
      if (times.at(-1)! > 1000) break;
    }
    if (times.length === steps.length) return once(() => screen(make(MiB))).toFixed(0);
    const [before, last] = times.slice(-2) as [number, number];
    const power = Math.log(last / before) / Math.log(4);
    const at = steps[times.length - 1]!;
    return `${((last * (MiB / at) ** power) / 1000).toFixed(0)} s (extrapolated: ${last.toFixed(0)} ms at ${at / 1024} KiB, growing as n^${power.toFixed(1)})`;
  });
  console.log([what, ...cells].join(' | '));
}

// V8's fallback from backtracking to its linear engine, which needs a flag at start-up: it
// applies only to patterns the linear engine takes, which the default ones are not.
const script = `const re = new RegExp(${JSON.stringify(guardrails[0]!.pattern)}, 'g${guardrails[0]!.flags}'); const s = 'a'.repeat(32768); const t = performance.now(); re.test(s); console.log((performance.now() - t).toFixed(0));`;
for (const flag of ['', '--enable-experimental-regexp-engine-on-excessive-backtracks']) {
  const ms = execFileSync(process.execPath, [...(flag ? [flag] : []), '-e', script], { encoding: 'utf8' }).trim();
  console.log(`\n${guardrails[0]!.name} on 32 KiB of "a", V8's RegExp${flag ? ` with ${flag}` : ''}: ${ms} ms`);
}
