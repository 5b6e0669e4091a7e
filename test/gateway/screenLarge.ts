/**
 * Screens 1 MiB adversarial prompts through the default guardrails and prints what came out,
 * as JSON on one line. guardrails.test.ts runs it as a process of its own with a deadline: a
 * screening that is not linear any more holds the event loop of whatever runs it, which would
 * stop the test's own timeout from ever firing.
 * Usage: node --import tsx test/gateway/screenLarge.ts
 */
import { defaultConfig } from '../../src/integrations/gateway/config/default.js';
import { parseConfig } from '../../src/integrations/gateway/config/load.js';
import { Guardrails } from '../../src/integrations/gateway/governance/guardrails.js';
import { gateway as catalog } from '../../src/integrations/gateway/metrics.js';
import { instrument } from '../../src/library/runtime.js';

const MiB = 1 << 20;
/** `unit` repeated to exactly `length` characters. */
const fill = (unit: string, length = MiB) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const base = defaultConfig({ providerA: 'http://127.0.0.1:1', providerB: 'http://127.0.0.1:2', ledger: 'http://127.0.0.1:3' });
const parsed = parseConfig({ ...base, screening: { maxChars: 2 * MiB } });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const g = new Guardrails(parsed.config.guardrails, instrument(catalog), parsed.config.screening.maxChars);

// Runs of letters with and without the characters around an email or a key: before re2js the
// pii-email pattern took time quadratic in such a run.
const runs = [fill('a'), fill('a@'), fill('a.'), fill('a@a'), fill('x@' + 'a.'.repeat(20)), fill('aaaa@'), fill('sk-')].map((text) => {
  const screened = g.screen('request', [text]);
  return { verdicts: screened.verdicts, unchanged: screened.texts[0] === text };
});
// A match every seven characters: the most work a redaction has.
const count = Math.floor(MiB / 7);
const emails = g.screen('request', ['a@b.cd '.repeat(count)]);
// A secret after a MiB of padding.
const padded = g.screen('request', [fill('a ', MiB - 40) + ' sk-' + 'a1'.repeat(15)]);

console.log(
  JSON.stringify({
    runs,
    emails: { verdict: emails.verdicts['request:pii-email'], everyOneRedacted: emails.texts[0] === '[EMAIL] '.repeat(count) },
    padded: { blockedBy: padded.blockedBy },
  }),
);
