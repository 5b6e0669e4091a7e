/**
 * Whether the compiler's thread is as it was, in two parts.
 *
 * JavaScript's builtins (their prototypes and static objects): the compiler and its libraries
 * run on them in the same thread as the project's code, so a definition that patches or
 * pollutes one (`Object.prototype.x = 1`) can make the compiler fail in ways that say nothing
 * about the definition. The load stage compares them after each module (load.ts) and reports
 * the module that changed them.
 *
 * The rest of the thread (globals, `process`, `console`, timers and handles left open): a run
 * that changed it retires the thread instead of keeping it for the next generate
 * (compileIsolated.ts), so one project's definitions are never seen by the next's.
 */

const BUILTIN_CLASSES = [Object, Function, Array, String, Number, Boolean, Symbol, BigInt, Promise, Map, Set, WeakMap, WeakSet, RegExp, Date, Error, TypeError, RangeError, ArrayBuffer, Uint8Array];

/** The builtins a definition could patch: each class, its prototype, and the static namespaces. */
const BUILTINS: ReadonlyArray<readonly [string, object]> = [
  ...BUILTIN_CLASSES.flatMap((c) => [[c.name, c] as const, [`${c.name}.prototype`, c.prototype as object] as const]),
  ['JSON', JSON],
  ['Math', Math],
  ['Reflect', Reflect],
];

/** The rest of the thread's shared objects. */
const SHARED: ReadonlyArray<readonly [string, object]> = [
  ['globalThis', globalThis],
  ['process', process],
  ['console', console],
];

type Properties = Map<PropertyKey, readonly unknown[]>;

/** One entry per own property: its name and the identity of its value or accessors. */
function properties(target: object): Properties {
  const out: Properties = new Map();
  for (const key of Reflect.ownKeys(target)) {
    const d = Reflect.getOwnPropertyDescriptor(target, key);
    if (d) out.set(key, [d.value, d.get, d.set, d.writable, d.enumerable, d.configurable]);
  }
  return out;
}

/** How many of each kind of resource (timers, handles) keep the thread's event loop alive. */
function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

/** A change to one object: `Object.prototype`, and what happened to which property. */
export interface Change {
  object: string;
  /** The property added, replaced or removed; none when the object's own prototype was swapped. */
  property?: string;
  how: 'added' | 'replaced' | 'removed' | 'prototype swapped';
}

export function describeChange(c: Change): string {
  return c.property === undefined ? `${c.object}'s prototype was swapped` : `${c.object}.${c.property} was ${c.how}`;
}

interface Watched {
  name: string;
  target: object;
  props: Properties;
  proto: unknown;
}

function watch(list: ReadonlyArray<readonly [string, object]>): Watched[] {
  return list.map(([name, target]) => ({ name, target, props: properties(target), proto: Object.getPrototypeOf(target) as unknown }));
}

function firstChange(watched: readonly Watched[]): Change | undefined {
  for (const { name, target, props, proto } of watched) {
    if (Object.getPrototypeOf(target) !== proto) return { object: name, how: 'prototype swapped' };
    const now = properties(target);
    for (const [key, was] of props) {
      const is = now.get(key);
      if (!is) return { object: name, property: String(key), how: 'removed' };
      if (is.some((v, i) => !Object.is(v, was[i]))) return { object: name, property: String(key), how: 'replaced' };
    }
    for (const key of now.keys()) if (!props.has(key)) return { object: name, property: String(key), how: 'added' };
  }
  return undefined;
}

/** JavaScript's builtins now; `changed()` says the first difference since. */
export function snapshotBuiltins(): { changed(): Change | undefined } {
  const watched = watch(BUILTINS);
  return { changed: () => firstChange(watched) };
}

/** The whole thread now; `changed()` says the first difference since, in words. */
export function snapshotThread(): { changed(): string | undefined } {
  const watched = watch([...BUILTINS, ...SHARED]);
  const loop = resources();
  return {
    changed() {
      const change = firstChange(watched);
      if (change) return describeChange(change);
      for (const [kind, n] of resources()) if (n > (loop.get(kind) ?? 0)) return `an open ${kind}`;
      return undefined;
    },
  };
}
