/** The kinds of definition the corpus breaks: one report row each. */
export const KINDS = ['catalog', 'promql', 'alert', 'record', 'group', 'slo', 'routing', 'dashboard', 'runbook', 'config', 'module'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * One broken definition: a text edit of one file of the base project (test/fixtures/mutations/
 * payments-api). `find` must occur exactly once in `file` (the corpus test holds every entry to
 * that), so an edit cannot silently miss after the base project changes. A `file` the base lacks
 * is created with `replace` as its content (`find` is then '').
 */
export interface Mutation {
  id: string;
  kind: Kind;
  file: string;
  find: string;
  replace: string;
}

/** Applies a mutation to a file's text; throws when `find` is not there exactly once. */
export function applyEdit(text: string | undefined, m: Mutation): string {
  if (text === undefined) {
    if (m.find !== '') throw new Error(`${m.id}: ${m.file} does not exist in the base project`);
    return m.replace;
  }
  const at = text.indexOf(m.find);
  if (m.find === '' || at === -1 || text.indexOf(m.find, at + 1) !== -1) {
    throw new Error(`${m.id}: "${m.find}" must occur exactly once in ${m.file}`);
  }
  return text.slice(0, at) + m.replace + text.slice(at + m.find.length);
}

/** Builds mutations of one kind and file that replace `find` with each value, ids suffixed by position or name. */
export function variants(kind: Kind, prefix: string, file: string, find: string, replacements: readonly (string | readonly [string, string])[]): Mutation[] {
  return replacements.map((r, i) => {
    const [name, replace] = typeof r === 'string' ? [String(i + 1), r] : r;
    return { id: `${prefix}-${name}`, kind, file, find, replace };
  });
}
