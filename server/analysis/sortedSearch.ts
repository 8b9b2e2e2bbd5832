/** Binary searches in ascending arrays of numbers. */

/** The first position in `values[from..to)` whose value is `least` or more; `to` where none is. */
export function firstAtLeast(
  values: ArrayLike<number>,
  least: number,
  from = 0,
  to = values.length,
): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < least) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first position in `values[from..to)` whose value is more than `most`; `to` where none is. */
export function firstAbove(
  values: ArrayLike<number>,
  most: number,
  from = 0,
  to = values.length,
): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= most) low = middle + 1;
    else high = middle;
  }
  return low;
}
