import { describe, expect, it } from 'vitest';
import { A4_300DPI, pngBox, pngChoice, pngPlan } from '../../client/src/workspace/pngSize';
import { NOTCHES_PER_DECADE, WHEEL_SENSITIVITY, notchZoom } from '../../client/src/workspace/wheel';

/** The extent of the 267-node view that gave an 8318 × 6454 px, 14.8 MB PNG at scale 2. */
const BIG_VIEW = { w: 4159, h: 3227 };
const SCREEN = { w: 900, h: 560 };

describe('PNG export sizes', () => {
  it('fits a large view to the screen, to twice the screen, and to an A4 page at 300 dpi', () => {
    const screen = pngPlan('screen', BIG_VIEW, SCREEN);
    expect(screen.width).toBeLessThanOrEqual(SCREEN.w);
    expect(screen.height).toBeLessThanOrEqual(SCREEN.h);
    expect(Math.max(screen.width / SCREEN.w, screen.height / SCREEN.h)).toBeCloseTo(1, 2);

    const double = pngPlan('double', BIG_VIEW, SCREEN);
    expect(double.width).toBeCloseTo(2 * screen.width, -1);

    const print = pngPlan('print', BIG_VIEW, SCREEN);
    expect(print.width).toBeLessThanOrEqual(A4_300DPI.long);
    expect(print.height).toBeLessThanOrEqual(A4_300DPI.short);
    expect(print.width).toBeGreaterThan(3000);
    // Far from the former 8318 × 6454.
    expect(print.width * print.height).toBeLessThan(0.2 * 8318 * 6454);
  });

  it('prints a tall picture on a portrait page', () => {
    expect(pngBox('print', { w: 500, h: 1500 }, SCREEN)).toEqual({
      w: A4_300DPI.short,
      h: A4_300DPI.long,
    });
  });

  it('does not blow a small picture up past its size’s scale', () => {
    const small = { w: 200, h: 120 };
    expect(pngPlan('screen', small, SCREEN)).toEqual({ scale: 1, width: 200, height: 120 });
    expect(pngPlan('double', small, SCREEN)).toEqual({ scale: 2, width: 400, height: 240 });
    expect(pngPlan('print', small, SCREEN).scale).toBe(4);
  });

  it('reads the export menu’s choices', () => {
    expect(pngChoice('png')).toBe('screen');
    expect(pngChoice('png-2x')).toBe('double');
    expect(pngChoice('png-print')).toBe('print');
    expect(pngChoice('svg')).toBeNull();
  });
});

describe('wheel zoom pace', () => {
  it('zooms about 10× in sixty wheel notches', () => {
    expect(notchZoom(NOTCHES_PER_DECADE)).toBeCloseTo(10, 5);
    expect(WHEEL_SENSITIVITY).toBeGreaterThan(1.3);
    expect(WHEEL_SENSITIVITY).toBeLessThan(1.5);
  });

  it('was far slower at the former sensitivity (0.3)', () => {
    expect(notchZoom(60, 0.3)).toBeLessThan(2);
  });
});
