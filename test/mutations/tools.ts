import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runInGroup } from './processGroup.js';
import { folderHash } from './workspace.js';

/**
 * Splits a multi-file promtool/amtool output into each file's part: both tools start a file's
 * part with a header naming it ("Checking F", "Unit Testing:  F", "Checking 'F'").
 */
function sections(output: string, files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const starts = files.map((f) => ({ f, at: output.search(new RegExp(`(Checking|Unit Testing:)\\s+'?${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'?(\\s|$)`)) }));
  const sorted = starts.filter((s) => s.at >= 0).sort((a, b) => a.at - b.at);
  sorted.forEach((s, i) => out.set(s.f, output.slice(s.at, sorted[i + 1]?.at ?? output.length)));
  return out;
}

const list = (dir: string, ext: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort() : []);

/**
 * What promtool (check rules, test rules) and amtool (check-config) say about the accepted
 * copies' generated/ folders. Copies whose prometheus/ (or alertmanager/) folders are identical
 * are checked once; the checks run as few calls as possible from the run folder: one
 * `check rules` and one `check-config` over every distinct file, and `test rules` in chunks
 * (promtool's test time grows with evaluation steps, and a chunk that runs past the time limit
 * only costs its own files). Returns each refusal by project folder.
 */
export async function toolRefusals(projects: readonly string[], runDir: string, timeLimitMs: number): Promise<Map<string, string[]>> {
  const refusals = new Map<string, string[]>(projects.map((p) => [p, []]));
  const byProm = new Map<string, string[]>();
  const byAm = new Map<string, string[]>();
  for (const p of projects) {
    const prom = path.join(p, 'generated/prometheus');
    const am = path.join(p, 'generated/alertmanager');
    byProm.set(folderHash(prom), [...(byProm.get(folderHash(prom)) ?? []), p]);
    byAm.set(folderHash(am), [...(byAm.get(folderHash(am)) ?? []), p]);
  }
  const rel = (f: string) => path.relative(runDir, f);
  const blame = (owners: Map<string, string[]>, results: Map<string, string>, what: string) => {
    for (const [file, owner] of owners) {
      const text = results.get(file);
      if (text === undefined || !/SUCCESS/.test(text) || /FAILED/.test(text)) {
        // The tool's own words: its FAILED lines and what follows each, else the start of its output.
        const lines = (text ?? 'no verdict').split('\n');
        const failed = lines.flatMap((l, i) => (/FAILED/.test(l) ? lines.slice(i, i + 3) : [])).filter((l) => l.trim() !== '');
        const said = (failed.length > 0 ? failed : lines).slice(0, 6).join(' | ');
        for (const p of owner) refusals.get(p)!.push(`${what} refused ${path.basename(file)}: ${said}`);
      }
    }
  };

  // Which file belongs to which copies: the representative of each identical group.
  const ruleFiles = new Map<string, string[]>();
  const testFiles = new Map<string, string[]>();
  for (const owners of byProm.values()) {
    const dir = path.join(owners[0]!, 'generated/prometheus');
    for (const f of list(path.join(dir, 'rules'), '.yml')) ruleFiles.set(rel(path.join(dir, 'rules', f)), owners);
    for (const f of list(path.join(dir, 'tests'), '.yml')) testFiles.set(rel(path.join(dir, 'tests', f)), owners);
  }
  const amFiles = new Map<string, string[]>();
  for (const owners of byAm.values()) amFiles.set(rel(path.join(owners[0]!, 'generated/alertmanager/alertmanager.yml')), owners);

  const check = async (bin: string, args: string[], files: string[]) => {
    if (files.length === 0) return new Map<string, string>();
    const r = await runInGroup(bin, [...args, ...files], { cwd: runDir, timeLimitMs });
    const found = sections(r.output, files);
    if (r.timedOut) for (const f of files) if (!/SUCCESS/.test(found.get(f) ?? '')) found.set(f, `FAILED: ${bin} ${args.join(' ')} killed at the time limit`);
    return found;
  };
  blame(ruleFiles, await check('promtool', ['check', 'rules'], [...ruleFiles.keys()]), 'promtool check rules');
  blame(amFiles, await check('amtool', ['check-config'], [...amFiles.keys()]), 'amtool check-config');
  const tests = [...testFiles.keys()];
  const CHUNK = 24;
  const chunks = Array.from({ length: Math.ceil(tests.length / CHUNK) }, (_, i) => tests.slice(i * CHUNK, (i + 1) * CHUNK));
  const results = new Map<string, string>();
  for (let i = 0; i < chunks.length; i += 2) {
    const done = await Promise.all(chunks.slice(i, i + 2).map((c) => check('promtool', ['test', 'rules'], c)));
    for (const d of done) for (const [f, t] of d) results.set(f, t);
  }
  blame(testFiles, results, 'promtool test rules');
  for (const [p, r] of refusals) refusals.set(p, [...new Set(r)]);
  return refusals;
}
