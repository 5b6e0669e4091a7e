import type { AlertCheck, RuleFinding } from './context.js';
import { templatedFields } from './context.js';

type ProblemKind = 'syntax' | 'unknown-function' | 'unsupported';

/** The template problems of these kinds in every templated field of the alert, underlined. */
export function templateProblems(kinds: readonly ProblemKind[]): AlertCheck['run'] {
  return ({ rule, semantics }) => {
    const out: RuleFinding[] = [];
    for (const { field, text } of templatedFields(rule)) {
      for (const p of semantics.templates.analyze(text).problems) {
        if (kinds.includes(p.kind)) out.push({ field, message: p.message, snippet: { text, from: p.from, to: p.to } });
      }
    }
    return out;
  };
}
