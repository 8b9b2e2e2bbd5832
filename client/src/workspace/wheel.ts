/**
 * The canvas's wheel-zoom pace. Cytoscape.js zooms by 10^(3/250 × sensitivity) per notch of a
 * mouse wheel (once it has recognised the wheel's notch size from the first few events); at its
 * former setting here (0.3) sixty notches zoomed by less than 2×. Analysts expect about one
 * decade (1× to 10×) per sixty notches, as in diagram and map tools.
 */

/** log10 of Cytoscape's zoom factor for one recognised wheel notch at sensitivity 1. */
export const NOTCH_LOG10 = 3 / 250;

/** Wheel notches that zoom by 10×. */
export const NOTCHES_PER_DECADE = 60;

/** The `wheelSensitivity` that gives `NOTCHES_PER_DECADE` notches for 10× (about 1.39). */
export const WHEEL_SENSITIVITY = 1 / (NOTCHES_PER_DECADE * NOTCH_LOG10);

/** The zoom factor `notches` recognised wheel notches give at `sensitivity`. */
export function notchZoom(notches: number, sensitivity = WHEEL_SENSITIVITY): number {
  return 10 ** (notches * NOTCH_LOG10 * sensitivity);
}
