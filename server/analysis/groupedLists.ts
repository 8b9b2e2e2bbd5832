/**
 * Values grouped by a node key, as a map of lists built by pushing would hold them, in flat typed
 * arrays: keys in the order they first came, each key's values in the order they came. A map of
 * hundreds of thousands of small arrays costs a lookup, an allocation and garbage per value; this
 * costs two passes over the input and three arrays.
 */
export class GroupedLists {
  /** The keys in the order they first came. */
  readonly keys: Int32Array;
  /** Every value, key after key: a key's values are `size(key)` from `start(key)`. */
  readonly values: Int32Array;
  private readonly starts: Int32Array;
  private readonly counts: Int32Array;

  /**
   * `count` values, the `k`-th `valueAt(k)` under key `keyAt(k)` (in `0..nodeCount - 1`); a key
   * below 0 leaves its value out.
   */
  constructor(
    nodeCount: number,
    count: number,
    keyAt: (k: number) => number,
    valueAt: (k: number) => number,
  ) {
    const counts = new Int32Array(nodeCount);
    const order: number[] = [];
    let kept = 0;
    for (let k = 0; k < count; k += 1) {
      const key = keyAt(k);
      if (key < 0) continue;
      if (counts[key] === 0) order.push(key);
      counts[key] = counts[key]! + 1;
      kept += 1;
    }
    const starts = new Int32Array(nodeCount);
    let start = 0;
    for (const key of order) {
      starts[key] = start;
      start += counts[key]!;
    }
    const filled = new Int32Array(nodeCount);
    const values = new Int32Array(kept);
    for (let k = 0; k < count; k += 1) {
      const key = keyAt(k);
      if (key < 0) continue;
      values[starts[key]! + filled[key]!] = valueAt(k);
      filled[key] = filled[key]! + 1;
    }
    this.keys = Int32Array.from(order);
    this.starts = starts;
    this.counts = counts;
    this.values = values;
  }

  /** How many values `key` has (0 for a key that never came). */
  size(key: number): number {
    return this.counts[key]!;
  }

  /** Where the values of `key` start in `values`. */
  start(key: number): number {
    return this.starts[key]!;
  }

  /** The values of `key`, in the order they came (a view: not to be changed). */
  of(key: number): Int32Array {
    const start = this.starts[key]!;
    return this.values.subarray(start, start + this.counts[key]!);
  }

  /** The values of `key` as a plain array of its own. */
  list(key: number): number[] {
    return Array.from(this.of(key));
  }
}
