import { describe, expect, it } from 'vitest';
import { TIMEOUT } from '../support/timeouts.js';
import { OUTCOMES } from './classify.js';
import { CORPUS } from './corpus.js';
import { formatReport } from './report.js';
import { runCorpus } from './run.js';

/**
 * Issue 19's acceptance, whole: every broken definition of the corpus (hundreds, of every kind)
 * through `lookout generate` must be rejected with every error at a project file:line and
 * generated/ untouched, or be accepted with output promtool and amtool accept. No crash, no
 * hang. The counts are printed whatever the outcome (`npx tsx test/mutations/report.ts` prints
 * the same report outside the suite).
 */
describe('the mutation corpus', () => {
  it('is rejected at file:line, or accepted with the tools agreeing, with no crash and no hang', { timeout: TIMEOUT.mutationCorpus }, async () => {
    const run = await runCorpus(CORPUS);
    const report = formatReport(run);
    process.stdout.write(`${report.split('\n\n')[0]}\n`);
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, run.results.filter((r) => r.outcome === o).length]));
    expect(counts.crashed, report).toBe(0);
    expect(counts.hung, report).toBe(0);
    const broken = run.results.filter((r) => r.problems.length > 0);
    expect(broken.map((r) => `${r.id}: ${r.outcome}: ${r.problems.join('; ')}`), report).toEqual([]);
  });
});
