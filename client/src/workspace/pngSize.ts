/**
 * The sizes a PNG export is offered in: the picture fitted to the screen's canvas (1×), twice that
 * (2×, for slides and zooming in), and print: an A4 page at 300 dpi, landscape or portrait as the
 * picture is wide or tall. Everything drawn is fitted into the size; small pictures are not blown
 * up past the scale named. Pure: the canvas passes the picture's extent and its own size.
 */

export type PngSize = 'screen' | 'double' | 'print';

export const PNG_SIZES: readonly PngSize[] = ['screen', 'double', 'print'];

/** A4 at 300 dpi: 297 × 210 mm is 3508 × 2480 pixels. */
export const A4_300DPI = { long: 3508, short: 2480 } as const;

/** At most this many pixels per model unit, by size (a 3-node picture stays node-sized). */
const MAX_SCALE: Readonly<Record<PngSize, number>> = { screen: 1, double: 2, print: 4 };

export interface Extent {
  w: number;
  h: number;
}

/** The PNG's scale (pixels per model unit) and its size in pixels. */
export interface PngPlan {
  scale: number;
  width: number;
  height: number;
}

/** The box a size fits the picture into, in pixels. */
export function pngBox(size: PngSize, picture: Extent, screen: Extent): Extent {
  if (size === 'print') {
    return picture.w >= picture.h
      ? { w: A4_300DPI.long, h: A4_300DPI.short }
      : { w: A4_300DPI.short, h: A4_300DPI.long };
  }
  const times = size === 'double' ? 2 : 1;
  return { w: Math.max(1, screen.w) * times, h: Math.max(1, screen.h) * times };
}

/**
 * How to draw a picture of extent `picture` (model units, labels included) for `size`, on a
 * canvas of `screen` pixels: fitted into the size's box, at most its largest scale.
 */
export function pngPlan(size: PngSize, picture: Extent, screen: Extent): PngPlan {
  const box = pngBox(size, picture, screen);
  const w = Math.max(1, Math.ceil(picture.w));
  const h = Math.max(1, Math.ceil(picture.h));
  const scale = Math.min(box.w / w, box.h / h, MAX_SCALE[size]);
  return { scale, width: Math.round(w * scale), height: Math.round(h * scale) };
}

/** The export menu's value for a size (`png`, `png-2x`, `png-print`), and back. */
export function pngChoice(value: string): PngSize | null {
  if (value === 'png') return 'screen';
  if (value === 'png-2x') return 'double';
  if (value === 'png-print') return 'print';
  return null;
}
