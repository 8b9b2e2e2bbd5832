/**
 * The time bar: counts of events over time in equal bins, and whether a link falls inside the
 * chosen range. Pure.
 */

export interface Bins {
  /** Epoch milliseconds of the first bin's start and the last bin's end. */
  start: number;
  end: number;
  width: number;
  counts: number[];
}

/** Bins `times` (ISO strings; unparsable ones ignored) into `count` equal bins. */
export function binTimes(times: Iterable<string>, count = 40): Bins | null {
  const values: number[] = [];
  for (const time of times) {
    const value = Date.parse(time);
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0 || count < 1) return null;
  let start = Infinity;
  let end = -Infinity;
  for (const value of values) {
    if (value < start) start = value;
    if (value > end) end = value;
  }
  if (end === start) end = start + 60_000;
  const width = (end - start) / count;
  const counts = new Array<number>(count).fill(0);
  for (const value of values) {
    const index = Math.min(count - 1, Math.floor((value - start) / width));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return { start, end, width, counts };
}

/** The time range covered by bins `from`..`to` (inclusive indexes). */
export function binRange(bins: Bins, from: number, to: number): { from: number; to: number } {
  const low = Math.max(0, Math.min(from, to));
  const high = Math.min(bins.counts.length - 1, Math.max(from, to));
  return { from: bins.start + low * bins.width, to: bins.start + (high + 1) * bins.width };
}

/**
 * Whether a link with a time (or a first..last span) lies in the range; links without a time
 * always do.
 */
export function inTimeRange(
  link: { time?: string | undefined; first?: string | undefined; last?: string | undefined },
  range: { from: number; to: number } | null,
): boolean {
  if (!range) return true;
  if (link.time) {
    const at = Date.parse(link.time);
    return !Number.isFinite(at) || (at >= range.from && at <= range.to);
  }
  if (link.first || link.last) {
    const first = Date.parse(link.first ?? link.last ?? '');
    const last = Date.parse(link.last ?? link.first ?? '');
    return first <= range.to && last >= range.from;
  }
  return true;
}
