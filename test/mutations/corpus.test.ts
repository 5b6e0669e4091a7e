import { describe, it } from 'vitest';
import { TIMEOUT } from '../support/timeouts.js';
import { CORPUS } from './corpus.js';
import { expectInvariants } from './invariants.js';
import { runCorpus } from './run.js';

// The whole corpus: several hundred `lookout generate` runs, too slow for `npm test` (which runs
// sample.test.ts instead); in `npm run test:live`. `npx tsx test/mutations/report.ts` prints the table.
describe('the mutation corpus, every broken definition', () => {
  it(
    'is rejected at file:line with generated/ untouched, or accepted with files promtool and amtool accept: never a crash or a hang',
    async () => {
      expectInvariants(await runCorpus(CORPUS));
    },
    // A generate is budgeted 7.5 s of the test's time, two at a time (the test timeouts scale with the machine's load).
    Math.ceil(CORPUS.length / 4) * TIMEOUT.test,
  );
});
