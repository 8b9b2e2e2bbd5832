/**
 * Unordered pairs of node indices, numbered in the order they were first added. A single numeric
 * key per pair (`a * n + b`) outgrows V8's small integers past 32,768 nodes, and every lookup in a
 * map of such keys becomes a slow one; pairs are looked up per lower node instead.
 */
export class PairIndex {
  private readonly byLow: (Map<number, number> | undefined)[];
  /** Each pair's lower and higher node, by the pair's number. */
  readonly low: number[] = [];
  readonly high: number[] = [];

  constructor(nodeCount: number) {
    this.byLow = new Array<undefined>(nodeCount);
  }

  /** Pairs numbered so far. */
  get size(): number {
    return this.low.length;
  }

  /** The number of the pair of `a` and `b`, or -1 where it was never added. */
  find(a: number, b: number): number {
    return this.byLow[Math.min(a, b)]?.get(Math.max(a, b)) ?? -1;
  }

  /** The number of the pair of `a` and `b`, numbering it (as `size` before) where it is new. */
  add(a: number, b: number): number {
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    let pairs = this.byLow[low];
    if (!pairs) this.byLow[low] = pairs = new Map<number, number>();
    const known = pairs.get(high);
    if (known !== undefined) return known;
    pairs.set(high, this.low.length);
    this.low.push(low);
    this.high.push(high);
    return this.low.length - 1;
  }
}
