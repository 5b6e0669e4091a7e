import type { LabelGuard } from './labelGuard.js';

/** A validated label set, in the metric's declared label order, owned by its series. */
export type SeriesLabels = Readonly<Record<string, string>>;

/**
 * The series of one metric, found by their label values. prom-client hashes and re-validates
 * the label object on every call; a service records a score of samples per request, mostly
 * into series it has seen before, so here a known series costs one key built from the values
 * and one map lookup. A label set is checked by the guard once, when its series is created;
 * later calls with the same values are not checked again for labels the metric does not
 * declare (the types reject those; an extra label would be ignored, never make a new series).
 * @example
 * const table = new SeriesTable(['route'], guard, (labels) => ({ labels, value: 0 }));
 * table.of({ route: 'chat' }).value += 1;
 */
export class SeriesTable<S extends { readonly labels: SeriesLabels }> {
  private readonly rows = new Map<string, S>();
  /** Series whose fast key is taken by other values (values holding the separator), by exact key. */
  private readonly collided = new Map<string, S>();

  constructor(
    private readonly names: readonly string[],
    private readonly guard: LabelGuard,
    private readonly create: (labels: SeriesLabels) => S,
  ) {}

  /** The series named by `labels`, created (after the guard's check) on first use. */
  of(labels: unknown): S {
    const key = this.keyOf(labels);
    const row = key === undefined ? undefined : this.rows.get(key);
    if (row && this.sameValues(row.labels, labels as Record<string, unknown>)) return row;
    const checked = this.guard(labels);
    const own: Record<string, string> = {};
    for (const name of this.names) own[name] = checked[name]!;
    if (row) return this.ofCollided(own);
    const created = this.create(own);
    this.rows.set(key!, created);
    return created;
  }

  /** Every series, in the order they were created. */
  *values(): IterableIterator<S> {
    yield* this.rows.values();
    yield* this.collided.values();
  }

  get size(): number {
    return this.rows.size + this.collided.size;
  }

  clear(): void {
    this.rows.clear();
    this.collided.clear();
  }

  private ofCollided(own: SeriesLabels): S {
    const exact = JSON.stringify(this.names.map((name) => own[name]));
    let row = this.collided.get(exact);
    if (!row) this.collided.set(exact, (row = this.create(own)));
    return row;
  }

  private keyOf(labels: unknown): string | undefined {
    if (typeof labels !== 'object' || labels === null) return undefined;
    let key = '';
    for (const name of this.names) {
      const value = (labels as Record<string, unknown>)[name];
      if (typeof value !== 'string') return undefined;
      key += value;
      key += '\u0000';
    }
    return key;
  }

  private sameValues(own: SeriesLabels, labels: Record<string, unknown>): boolean {
    for (const name of this.names) if (own[name] !== labels[name]) return false;
    return true;
  }
}
