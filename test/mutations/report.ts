/**
 * Runs the mutation corpus and prints what became of each broken definition: the counts by kind
 * and outcome, then every crash, hang, rejection without file:line (or that touched generated/)
 * and acceptance the tools refuse, with the first lines of its output.
 *
 *   npx tsx test/mutations/report.ts            the whole corpus
 *   npx tsx test/mutations/report.ts --sample   a few of each kind
 *   npx tsx test/mutations/report.ts --kind K   only one kind (module, routing...)
 *   npx tsx test/mutations/report.ts --id A,B   only these mutations
 *   npx tsx test/mutations/report.ts --json F   also write every result to F
 */
import { writeFileSync } from 'node:fs';
import { OUTCOMES } from './classify.js';
import { CORPUS } from './corpus.js';
import { KINDS } from './mutation.js';
import { runCorpus, sample, type CorpusRun } from './run.js';
import { SAMPLE_PER_KIND } from './sampleSize.js';

export function formatReport(run: CorpusRun): string {
  const lines: string[] = [];
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  lines.push(`${'kind'.padEnd(10)}${OUTCOMES.map((o) => pad(o, 10)).join('')}${pad('broken', 9)}${pad('total', 7)}`);
  const row = (name: string, rs: CorpusRun['results']) =>
    `${name.padEnd(10)}${OUTCOMES.map((o) => pad(rs.filter((r) => r.outcome === o).length, 10)).join('')}${pad(rs.filter((r) => r.problems.length > 0).length, 9)}${pad(rs.length, 7)}`;
  for (const k of KINDS) {
    const rs = run.results.filter((r) => r.kind === k);
    if (rs.length > 0) lines.push(row(k, rs));
  }
  lines.push(row('all', run.results));
  const clean = run.results.filter((r) => r.outcome === 'rejected' && r.problems.length === 0).length;
  const refused = run.results.filter((r) => r.outcome === 'accepted' && r.problems.length > 0).length;
  lines.push('');
  lines.push(`${run.results.length} broken definitions: ${clean} rejected at file:line with generated/ untouched, ${run.results.filter((r) => r.outcome === 'crashed').length} crashed, ${run.results.filter((r) => r.outcome === 'hung').length} hung, ${run.results.filter((r) => r.outcome === 'accepted').length} accepted of which ${refused} produce files promtool or amtool refuse.`);
  lines.push(`type check alone decided ${run.results.filter((r) => r.via === 'typecheck').length}; base generate ${(run.baseMs / 1000).toFixed(1)} s, time limit ${(run.timeLimitMs / 1000).toFixed(0)} s, whole run ${(run.totalMs / 1000).toFixed(0)} s.`);
  for (const title of ['crashed', 'hung', 'rejected', 'accepted'] as const) {
    const bad = run.results.filter((r) => r.outcome === title && (title === 'crashed' || title === 'hung' || r.problems.length > 0));
    if (bad.length === 0) continue;
    lines.push('', `## ${title}${title === 'rejected' ? ' without file:line (or touching generated/)' : title === 'accepted' ? ', then refused by the tools' : ''} (${bad.length})`);
    for (const r of bad) {
      lines.push(`- ${r.id} [${r.via}]: ${r.problems.join('; ')}`);
      for (const l of r.head.split('\n').slice(0, 4)) lines.push(`    ${l.slice(0, 200)}`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const kind = args.includes('--kind') ? args[args.indexOf('--kind') + 1] : undefined;
  const ids = args.includes('--id') ? args[args.indexOf('--id') + 1]!.split(',') : undefined;
  const chosen = CORPUS.filter((m) => (!kind || m.kind === kind) && (!ids || ids.includes(m.id)));
  const corpus = args.includes('--sample') ? sample(chosen, SAMPLE_PER_KIND) : chosen;
  const json = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const run = await runCorpus(corpus, { log: (l) => process.stderr.write(`${l}\n`) });
  if (json) writeFileSync(json, JSON.stringify(run, null, 2));
  process.stdout.write(`${formatReport(run)}\n`);
}
