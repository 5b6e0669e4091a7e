/**
 * Label values from the outside world (model names clients send) folded into a bounded set:
 * the configured names, at most `max` of them, and `other` for the rest. An unbounded label
 * is a cardinality incident waiting for one client that sends a new name per request.
 */
export class BoundedLabel {
  private readonly known: ReadonlySet<string>;

  constructor(names: readonly string[], max: number) {
    this.known = new Set(names.slice(0, max));
  }

  of(value: string | undefined): string {
    if (value === undefined) return 'none';
    return this.known.has(value) ? value : 'other';
  }
}
