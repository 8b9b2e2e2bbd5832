import { describe, expect, it } from 'vitest';
import { DOUBLE_TAP_DEFAULTS, isDoubleTap } from '../../client/src/workspace/doubleTap';

describe('workspace canvas: what counts as a double-click', () => {
  it('is two taps on the same node, close together', () => {
    expect(isDoubleTap({ target: 'A', time: 1000 }, { target: 'A', time: 1100 })).toBe(true);
    expect(
      isDoubleTap(
        { target: 'A', time: 1000 },
        { target: 'A', time: 1000 + DOUBLE_TAP_DEFAULTS.withinMs },
      ),
    ).toBe(true);
  });

  it('is not a click on one node and a quick (Shift-)click on another', () => {
    expect(isDoubleTap({ target: 'A', time: 1000 }, { target: 'B', time: 1100 })).toBe(false);
  });

  it('is not two taps too far apart, on the background, or after nothing', () => {
    expect(
      isDoubleTap(
        { target: 'A', time: 1000 },
        { target: 'A', time: 1001 + DOUBLE_TAP_DEFAULTS.withinMs },
      ),
    ).toBe(false);
    expect(isDoubleTap({ target: null, time: 1000 }, { target: null, time: 1100 })).toBe(false);
    expect(isDoubleTap({ target: null, time: 1000 }, { target: 'A', time: 1100 })).toBe(false);
    expect(isDoubleTap(null, { target: 'A', time: 1100 })).toBe(false);
    expect(isDoubleTap({ target: 'A', time: 1000 }, { target: 'A', time: 900 })).toBe(false);
  });
});
