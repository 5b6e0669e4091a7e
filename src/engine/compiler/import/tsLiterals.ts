/** Pieces of TypeScript source the import writes: string literals, property keys, export names. */

/** A single-quoted string literal. */
export function str(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function key(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : str(k);
}

/** Words that cannot name a `const`. */
const RESERVED = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(' '),
);

/**
 * `base`, or `base<suffix>`, `base<suffix>2`, ... when it is a reserved word or already in
 * `taken`; the name returned is added to `taken`.
 */
export function uniqueName(base: string, taken: Set<string>, suffix: string): string {
  let name = taken.has(base) || RESERVED.has(base) ? `${base}${suffix}` : base;
  for (let i = 2; taken.has(name); i++) name = `${base}${suffix}${i}`;
  taken.add(name);
  return name;
}
