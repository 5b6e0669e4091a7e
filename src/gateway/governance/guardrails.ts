import type { GuardrailConfig, Stage } from '../config/schema.js';
import type { GatewayInstruments } from '../metrics.js';

export type Verdict = 'allow' | 'redact' | 'block' | 'error';

/** What the policies made of some text: the text to use, and the policy that blocked it, if one did. */
export interface Screened {
  readonly texts: string[];
  readonly blockedBy: string | undefined;
  /** Each policy's verdict, keyed `stage:policy`, for the audit event. */
  readonly verdicts: Record<string, Verdict>;
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
  readonly pattern: RegExp;
  readonly action: 'redact' | 'block';
  readonly stages: ReadonlySet<Stage>;
  readonly replacement: string;
  /** `stage:name` and the metric labels per stage (and verdict), built once rather than per request. */
  readonly keys: Readonly<Record<Stage, StageKeys>>;
}

/**
 * Pattern guardrails on requests, responses and stream chunks. Each applicable policy
 * returns a verdict (allow, redact, block, or error when the policy itself failed, which lets
 * the text through) and its evaluation time is recorded. A block stops evaluation.
 */
export class Guardrails {
  private readonly policies: readonly Policy[];
  /** The stages some policy looks at. */
  private readonly stages: ReadonlySet<Stage>;

  constructor(
    configs: readonly GuardrailConfig[],
    private readonly metrics: GatewayInstruments,
  ) {
    this.policies = configs.map((c) => ({
      name: c.name,
      pattern: new RegExp(c.pattern, `g${c.flags}`),
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
    let current = texts as string[];
    const verdicts: Record<string, Verdict> = {};
    for (const policy of this.policies) {
      if (!policy.stages.has(stage)) continue;
      const started = performance.now();
      let verdict: Verdict;
      try {
        verdict = 'allow';
        for (const text of current) {
          policy.pattern.lastIndex = 0;
          if (policy.pattern.test(text)) {
            verdict = policy.action;
            break;
          }
        }
        if (verdict === 'redact') current = current.map((t) => t.replace(policy.pattern, policy.replacement));
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
}
