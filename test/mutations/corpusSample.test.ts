import { describe, expect, it } from 'vitest';
import { TIMEOUT } from '../support/timeouts.js';
import { CORPUS } from './corpus.js';
import { KINDS } from './mutation.js';
import { formatReport } from './report.js';
import { runCorpus, sample } from './run.js';
import { SAMPLE_PER_KIND } from './sampleSize.js';

/**
 * A few broken definitions of every kind through `lookout generate`, in `npm test`: the quick
 * guard of what test/mutations/corpus.test.ts (the live suite) holds for the whole corpus. Each
 * must be rejected with every error at a project file:line and generated/ untouched, or be
 * accepted with output promtool and amtool accept: no crash, no hang.
 */
describe('a sample of the mutation corpus', () => {
  it(`(${SAMPLE_PER_KIND} of each kind) is rejected at file:line or accepted with the tools agreeing`, { timeout: TIMEOUT.mutationSample }, async () => {
    const chosen = sample(CORPUS, SAMPLE_PER_KIND);
    expect(new Set(chosen.map((m) => m.kind))).toEqual(new Set(KINDS));
    // The CLI cross-check runs in the whole corpus; here, one mutation's worth.
    const run = await runCorpus(chosen, { cliEvery: chosen.length });
    const broken = run.results.filter((r) => r.problems.length > 0 || r.outcome === 'crashed' || r.outcome === 'hung');
    expect(broken.map((r) => `${r.id}: ${r.outcome}: ${r.problems.join('; ')}`), formatReport(run)).toEqual([]);
  });
});
