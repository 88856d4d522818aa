/**
 * Numbers tuples of integers: equal tuples get equal ids, different tuples different ids. A tuple is read one
 * integer at a time down a trie of number-keyed maps, so classing a large world compares VMs by a few map reads of
 * small integers instead of composing, hashing and comparing a signature string per VM.
 */
export class TupleIds {
  private readonly root = new TupleNode(0);
  private count = 1;

  /** The node of the empty tuple, where every reading starts. */
  get start(): TupleNode {
    return this.root;
  }

  /** The node of `at`'s tuple followed by `code`. */
  step(at: TupleNode, code: number): TupleNode {
    let next = at.children.get(code);
    if (next === undefined) at.children.set(code, (next = new TupleNode(this.count++)));
    return next;
  }
}

/** One tuple read so far; its id is unique within its {@link TupleIds}. */
export class TupleNode {
  readonly children = new Map<number, TupleNode>();

  constructor(readonly id: number) {}
}
