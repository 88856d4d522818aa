/** A binary min-heap of numbers; the free-space index keeps one per prefix length. */
export class MinHeap {
  private items: number[];

  constructor(items: readonly number[] = []) {
    this.items = [...items];
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** How many entries the heap holds. */
  get size(): number {
    return this.items.length;
  }

  /** The smallest entry, or undefined when empty. */
  peek(): number | undefined {
    return this.items[0];
  }

  /** Adds an entry. */
  push(value: number): void {
    const items = this.items;
    let i = items.length;
    items.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = items[parent] as number;
      if (above <= value) break;
      items[i] = above;
      i = parent;
    }
    items[i] = value;
  }

  /** Removes and returns the smallest entry. */
  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** All entries, in heap order. */
  values(): readonly number[] {
    return this.items;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    const value = items[start] as number;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (items[child + 1] as number) < (items[child] as number)) child++;
      const below = items[child] as number;
      if (below >= value) break;
      items[i] = below;
      i = child;
    }
    items[i] = value;
  }
}
