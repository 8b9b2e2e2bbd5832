/**
 * Disjoint sets of integer ids (union-find with path compression), each set named by its
 * smallest member. An id joins as a set of its own when first seen.
 */
export class DisjointSets {
  private readonly parent = new Map<number, number>();

  /** Whether `x` has been seen. */
  has(x: number): boolean {
    return this.parent.has(x);
  }

  /** The name of `x`'s set (its smallest member). */
  find(x: number): number {
    let root = x;
    while ((this.parent.get(root) ?? root) !== root) root = this.parent.get(root)!;
    let at = x;
    while (at !== root) {
      const next = this.parent.get(at)!;
      this.parent.set(at, root);
      at = next;
    }
    this.parent.set(root, root);
    return root;
  }

  /** Joins the sets of `a` and `b`. */
  union(a: number, b: number): void {
    const x = this.find(a);
    const y = this.find(b);
    if (x !== y) this.parent.set(Math.max(x, y), Math.min(x, y));
  }

  /** The members of every set, by its name, in the order the ids were first seen. */
  groups(): Map<number, number[]> {
    const groups = new Map<number, number[]>();
    for (const x of this.parent.keys()) {
      const root = this.find(x);
      let list = groups.get(root);
      if (!list) groups.set(root, (list = []));
      list.push(x);
    }
    return groups;
  }
}

/**
 * `items` grouped where they share a key, directly or through others; every item is in exactly
 * one group, groups in the order of their first item, items in their order.
 */
export function groupsSharingKeys<T>(
  items: readonly T[],
  keysOf: (item: T) => Iterable<number>,
): T[][] {
  const sets = new DisjointSets();
  const firstWith = new Map<number, number>();
  items.forEach((item, i) => {
    sets.find(i);
    for (const key of keysOf(item)) {
      const other = firstWith.get(key);
      if (other === undefined) firstWith.set(key, i);
      else sets.union(i, other);
    }
  });
  return [...sets.groups().values()].map((members) => members.map((i) => items[i]!));
}
