import { existsSync } from 'node:fs';
import path from 'node:path';
import { classify, type Outcome } from './classify.js';
import type { GroupRun } from './processGroup.js';
import { GenerateServer, generateProject } from './cli.js';
import type { Kind, Mutation } from './mutation.js';
import { toolRefusals } from './tools.js';
import { TypeChecker, unplacedTypeErrors } from './typecheckPass.js';
import { copyBase, differences, fingerprint, materialize, remove, runFolder } from './workspace.js';

export interface MutationResult {
  id: string;
  kind: Kind;
  outcome: Outcome;
  /** Decided by the type check alone, or by a run of `lookout generate`. */
  via: 'typecheck' | 'generate';
  /** Broken invariants: empty for a clean rejection or an acceptance the tools agree with. */
  problems: string[];
  /** The first lines the run printed (or the type errors). */
  head: string;
  ms: number;
}

export interface CorpusRun {
  results: MutationResult[];
  /** The time limit of one generate, from the base project's own generate. */
  timeLimitMs: number;
  baseMs: number;
  totalMs: number;
}

export interface RunOptions {
  /** Every Nth mutation the type check rejects also runs through the CLI, to check that shortcut. Default 8. */
  crossCheckEvery?: number;
  /** Every Nth mutation run through generate also runs through the CLI in a process of its own, to check the long-lived one. Default 40. */
  cliEvery?: number;
  /** Let the mutations share a cache the base project's generate fills (default); the CLI's cross-checks never use one. */
  cache?: boolean;
  /** Parallel generates. Default 2. */
  parallelism?: number;
  /** Say what happens, on stderr. */
  log?: (line: string) => void;
}

const HEAD_LINES = 8;
const head = (text: string) => text.split('\n').filter((l) => l.trim() !== '').slice(0, HEAD_LINES).join('\n');

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/**
 * Classifies every mutation. The base project is generated first (it must be accepted, and its
 * generated/ is what every rejection must leave untouched); its wall time sets the time limit
 * of one generate: four times it, at least 30 s, so a busy machine gets a longer limit instead
 * of false hangs, and a real hang costs at most that. Then the type check sorts out the
 * mutations tsc rejects; every other one (and a sample of those) runs `lookout generate`
 * in a fresh copy, two at a time, on long-lived processes (cli.ts), and a sample of those
 * again through the CLI in a process of its own; the accepted copies' outputs go to promtool
 * and amtool.
 */
export async function runCorpus(corpus: readonly Mutation[], options: RunOptions = {}): Promise<CorpusRun> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const every = options.crossCheckEvery ?? 8;
  const folder = runFolder();
  const lanes = Array.from({ length: options.parallelism ?? 2 }, () => new GenerateServer());
  try {
    const base = folder.at('base');
    copyBase(base);
    const baseRun = await generateProject(base, { killMs: 10 * 60_000, lookoutS: 600 });
    if (baseRun.exitCode !== 0) throw new Error(`the base project must generate cleanly:\n${baseRun.output}`);
    const baseRefusals = (await toolRefusals([base], folder.root, 10 * 60_000)).get(base)!;
    if (baseRefusals.length > 0) throw new Error(`the tools refuse the base project's output:\n${baseRefusals.join('\n')}`);
    const timeLimitMs = Math.max(30_000, 4 * baseRun.ms);
    // One unit of work (a module's import, an alert's synthesis) taking as long as the whole
    // base generate is a hang: lookout's limit is that long, so a spin costs seconds, not tens.
    const limits = { killMs: timeLimitMs, lookoutS: Math.max(3, Math.ceil(baseRun.ms / 1000)) };
    const generated = path.join(base, 'generated');
    const before = fingerprint(generated);
    log(`base generated in ${(baseRun.ms / 1000).toFixed(1)} s; time limit ${(timeLimitMs / 1000).toFixed(0)} s (lookout's ${limits.lookoutS} s)`);

    const results = new Map<string, MutationResult>();
    const toGenerate: Mutation[] = [];
    const checker = new TypeChecker();
    let rejectedByTypes = 0;
    for (const m of corpus) {
      const at = Date.now();
      const copy = folder.at('typecheck');
      remove(copy);
      materialize(copy, m);
      const errors = await checker.errors(copy);
      const unplaced = unplacedTypeErrors(errors, copy);
      remove(copy);
      if (errors.length === 0) {
        toGenerate.push(m);
        continue;
      }
      const text = errors.map((d) => `${d.file ?? ''}${d.line ? `:${d.line}:${d.column ?? 0}` : ''}: error ${d.code}: ${d.message}`).join('\n');
      results.set(m.id, { id: m.id, kind: m.kind, outcome: 'rejected', via: 'typecheck', problems: unplaced, head: head(text), ms: Date.now() - at });
      if (rejectedByTypes++ % every === 0) toGenerate.push(m);
    }
    log(`type check in ${((Date.now() - started) / 1000).toFixed(0)} s: ${results.size} rejected, ${toGenerate.length} to generate (${toGenerate.length - corpus.length + results.size} of them to cross-check)`);

    const accepted: { m: Mutation; copy: string }[] = [];
    let done = 0;
    const free = [...lanes];
    // The base's generate fills the cache the mutations share: a mutation then recompiles only
    // the units it changed (the cache's own tests hold it to --no-cache's output).
    const cacheDir = options.cache === false ? undefined : folder.at('cache');
    if (cacheDir) await lanes[0]!.generate(base, limits, cacheDir);
    const cliEvery = options.cliEvery ?? 40;
    const verdictOf = (run: GroupRun, copy: string) => classify(run, differences(before, fingerprint(path.join(copy, 'generated'))), (f) => !f.startsWith('..') && !path.isAbsolute(f) && existsSync(path.join(copy, f)));
    await pool(toGenerate, lanes.length, async (m) => {
      const copy = folder.at(m.id);
      materialize(copy, m, generated);
      const lane = free.pop()!;
      const run = await lane.generate(copy, limits, cacheDir).finally(() => free.push(lane));
      const verdict = verdictOf(run, copy);
      if (toGenerate.indexOf(m) % cliEvery === 0) {
        // The same mutation through the CLI in a process of its own, as a user runs it.
        remove(copy);
        materialize(copy, m, generated);
        const cli = verdictOf(await generateProject(copy, limits), copy);
        if (cli.outcome !== verdict.outcome) verdict.problems.push(`the CLI's own process ${cli.outcome} it, the long-lived one ${verdict.outcome} it`);
      }
      const crossChecked = results.get(m.id);
      if (crossChecked && verdict.outcome === 'rejected' && verdict.problems.length === 0) {
        crossChecked.via = 'generate';
      } else {
        if (crossChecked) verdict.problems.push('the type check rejected it, but generate did not reject it cleanly');
        results.set(m.id, { id: m.id, kind: m.kind, outcome: verdict.outcome, via: 'generate', problems: verdict.problems, head: head(run.output), ms: run.ms });
      }
      if (verdict.outcome === 'accepted') accepted.push({ m, copy });
      else remove(copy);
      log(`[${++done}/${toGenerate.length}] ${m.id}: ${verdict.outcome}${verdict.problems.length ? ` (${verdict.problems[0]})` : ''} in ${(run.ms / 1000).toFixed(1)} s`);
    });

    const refusals = await toolRefusals(accepted.map((a) => a.copy), folder.root, Math.max(timeLimitMs, 5 * 60_000));
    for (const { m, copy } of accepted) results.get(m.id)!.problems.push(...refusals.get(copy)!);
    log(`tools: ${accepted.length} accepted outputs checked`);
    return { results: corpus.map((m) => results.get(m.id)!), timeLimitMs, baseMs: baseRun.ms, totalMs: Date.now() - started };
  } finally {
    for (const lane of lanes) lane.close();
    folder.removeAll();
  }
}

/** A sample of the corpus: every kind, spread over its entries (the first, then every `step`th). */
export function sample(corpus: readonly Mutation[], perKind: number): Mutation[] {
  const byKind = new Map<Kind, Mutation[]>();
  for (const m of corpus) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
  return [...byKind.values()].flatMap((ms) => {
    const step = Math.max(1, Math.floor(ms.length / perKind));
    return ms.filter((_, i) => i % step === 0).slice(0, perKind);
  });
}
