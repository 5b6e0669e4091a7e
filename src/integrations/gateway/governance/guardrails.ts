import type { GuardrailConfig, Stage } from '../config/schema.js';
import { GatewayError } from '../http/errors.js';
import type { GatewayInstruments } from '../metrics.js';
import { LinearPattern } from '../config/linearPattern.js';

export type Verdict = 'allow' | 'redact' | 'block' | 'error';

/** What the policies made of some text: the text to use, and the policy that blocked it, if one did. */
export interface Screened {
  readonly texts: string[];
  readonly blockedBy: string | undefined;
  /** Each policy's verdict, keyed `stage:policy`, for the audit event. */
  readonly verdicts: Record<string, Verdict>;
  /** Set when the text was longer than `screening.maxChars`: refused unread, `blockedBy` the stage's first policy. */
  readonly unread?: { readonly chars: number; readonly limit: number };
}

interface StageKeys {
  readonly verdict: string;
  readonly labels: { readonly policy: string; readonly stage: Stage };
  readonly byVerdict: Readonly<Record<Verdict, { readonly policy: string; readonly stage: Stage; readonly verdict: Verdict }>>;
}

const VERDICTS: readonly Verdict[] = ['allow', 'redact', 'block', 'error'];

function stageKeys(policy: string, stage: Stage): StageKeys {
  const labels = { policy, stage };
  const byVerdict = Object.fromEntries(VERDICTS.map((verdict) => [verdict, { ...labels, verdict }])) as StageKeys['byVerdict'];
  return { verdict: `${stage}:${policy}`, labels, byVerdict };
}

interface Policy {
  readonly name: string;
  readonly pattern: LinearPattern;
  readonly action: 'redact' | 'block';
  readonly stages: ReadonlySet<Stage>;
  readonly replacement: string;
  /** `stage:name` and the metric labels per stage (and verdict), built once rather than per request. */
  readonly keys: Readonly<Record<Stage, StageKeys>>;
}

/**
 * Pattern guardrails on requests, responses and stream chunks. Each applicable policy
 * returns a verdict (allow, redact, block, or error when the policy itself failed, which lets
 * the text through) and its evaluation time is recorded. A block stops evaluation. Patterns
 * run in linear time (LinearPattern) and a screening reads at most `maxChars` characters:
 * longer text is refused unread, every policy of the stage counting a block, since screening
 * a prefix would let a secret through after padding.
 */
export class Guardrails {
  private readonly policies: readonly Policy[];
  /** The stages some policy looks at. */
  private readonly stages: ReadonlySet<Stage>;

  constructor(
    configs: readonly GuardrailConfig[],
    private readonly metrics: GatewayInstruments,
    /** `screening.maxChars`: the most characters one call of `screen` reads. */
    private readonly maxChars: number,
  ) {
    this.policies = configs.map((c) => ({
      name: c.name,
      pattern: LinearPattern.compile(c.pattern, c.flags),
      action: c.action,
      stages: new Set(c.stages),
      replacement: c.replacement,
      keys: { request: stageKeys(c.name, 'request'), response: stageKeys(c.name, 'response'), stream: stageKeys(c.name, 'stream') },
    }));
    this.stages = new Set(this.policies.flatMap((p) => [...p.stages]));
  }

  /** Whether any policy looks at `stage`: streams skip chunk parsing for guardrails when none does. */
  covers(stage: Stage): boolean {
    return this.stages.has(stage);
  }

  screen(stage: Stage, texts: readonly string[]): Screened {
    let chars = 0;
    for (const text of texts) chars += text.length;
    if (chars > this.maxChars && this.covers(stage)) return this.refuseUnread(stage, texts, chars);
    let current = texts as string[];
    const verdicts: Record<string, Verdict> = {};
    for (const policy of this.policies) {
      if (!policy.stages.has(stage)) continue;
      const started = performance.now();
      let verdict: Verdict;
      try {
        verdict = 'allow';
        for (const text of current) {
          if (policy.pattern.test(text)) {
            verdict = policy.action;
            break;
          }
        }
        if (verdict === 'redact') current = current.map((t) => policy.pattern.replaceAll(t, policy.replacement));
      } catch {
        verdict = 'error';
      }
      const keys = policy.keys[stage];
      this.metrics.policyDuration.observe(keys.labels, (performance.now() - started) / 1000);
      this.metrics.policyEvaluations.inc(keys.byVerdict[verdict]);
      verdicts[keys.verdict] = verdict;
      if (verdict === 'block') return { texts: current, blockedBy: policy.name, verdicts };
    }
    return { texts: current, blockedBy: undefined, verdicts };
  }

  /** Text too long to screen: no policy reads it, and each that would have counts a block. */
  private refuseUnread(stage: Stage, texts: readonly string[], chars: number): Screened {
    const verdicts: Record<string, Verdict> = {};
    let blockedBy: string | undefined;
    for (const policy of this.policies) {
      if (!policy.stages.has(stage)) continue;
      blockedBy ??= policy.name;
      const keys = policy.keys[stage];
      this.metrics.policyDuration.observe(keys.labels, 0);
      this.metrics.policyEvaluations.inc(keys.byVerdict.block);
      verdicts[keys.verdict] = 'block';
    }
    return { texts: texts as string[], blockedBy, verdicts, unread: { chars, limit: this.maxChars } };
  }
}

/**
 * The answer to text refused unread: 413 for a prompt (the client's to shorten), 502 for a
 * provider's response (not the client's doing; the tokens were spent all the same).
 */
export function unreadError(stage: 'request' | 'response', unread: NonNullable<Screened['unread']>): GatewayError {
  const limit = `the guardrails screen at most ${unread.limit} characters at once (screening.maxChars)`;
  return stage === 'request'
    ? new GatewayError(413, 'invalid_request_error', `the prompt has ${unread.chars} characters of text and ${limit}: a prompt they cannot read whole is refused`, 'too_long_to_screen', 'messages')
    : new GatewayError(502, 'upstream_error', `the provider's response has ${unread.chars} characters of text and ${limit}: it is withheld rather than sent unscreened`, 'too_long_to_screen');
}
