/**
 * Double-click on the canvas. Cytoscape's own `dbltap` fires on any second tap soon after the
 * first, wherever the first landed: a click on one node and a quick Shift-click on another
 * expanded the second. Here a double tap is two taps on the same node, close enough in time.
 */

/** One tap: the node tapped (null for the background or a link) and when, in milliseconds. */
export interface Tap {
  readonly target: string | null;
  readonly time: number;
}

export const DOUBLE_TAP_DEFAULTS = {
  /** Most milliseconds between the two taps (Cytoscape's `multiClickDebounceTime`). */
  withinMs: 250,
} as const;

/** Whether `tap` makes a double tap with the `previous` one: the same node, within `withinMs`. */
export function isDoubleTap(
  previous: Tap | null,
  tap: Tap,
  withinMs: number = DOUBLE_TAP_DEFAULTS.withinMs,
): boolean {
  if (!previous || tap.target === null || previous.target !== tap.target) return false;
  const gap = tap.time - previous.time;
  return gap >= 0 && gap <= withinMs;
}
