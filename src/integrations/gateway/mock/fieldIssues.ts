import type { z } from 'zod';

/** One validation problem, with the dotted path of the field it is about (`debits.0.usd`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * zod's issues with a dotted path each. An unknown key is reported by zod at its parent; here
 * it is reported at itself, so that a typo (`errRate`) is named in the answer.
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key].join('.'), message: `unknown field "${key}"` });
    } else {
      out.push({ path: path.join('.') || '(body)', message: issue.message });
    }
  }
  return out;
}

export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/** A thrown validation failure, for the in-process API (the HTTP API answers 400 instead). */
export class InvalidSettings extends Error {
  constructor(
    what: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super(`invalid ${what}: ${describeIssues(issues)}`);
    this.name = 'InvalidSettings';
  }
}
