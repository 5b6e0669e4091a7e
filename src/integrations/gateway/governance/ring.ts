/** A fixed-capacity FIFO queue over one array: pushing never allocates, and a full ring refuses. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds to the tail; false when the ring is full. */
  push(item: T): boolean {
    if (this.count === this.capacity) return false;
    this.items[(this.head + this.count) % this.capacity] = item;
    this.count++;
    return true;
  }

  /** Adds as many of `items` as there is room for, in order; returns how many. */
  pushSome(items: readonly T[]): number {
    const n = Math.min(items.length, this.capacity - this.count);
    for (let i = 0; i < n; i++) this.push(items[i]!);
    return n;
  }

  /** Removes and returns every item, head first. */
  takeAll(): T[] {
    const all = this.peek(this.count);
    this.drop(all.length);
    return all;
  }

  /** Up to `n` items from the head, left in place. */
  peek(n: number): T[] {
    const out: T[] = [];
    for (let i = 0; i < Math.min(n, this.count); i++) out.push(this.items[(this.head + i) % this.capacity]!);
    return out;
  }

  /** Removes up to `n` items from the head. */
  drop(n: number): void {
    const k = Math.min(n, this.count);
    for (let i = 0; i < k; i++) this.items[(this.head + i) % this.capacity] = undefined;
    this.head = (this.head + k) % this.capacity;
    this.count -= k;
  }
}
