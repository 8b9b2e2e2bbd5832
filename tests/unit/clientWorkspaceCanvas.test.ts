import { describe, expect, it } from 'vitest';
import {
  LARGE_VIEW_ELEMENTS,
  movesAsPicture,
  SOFTWARE_GL,
} from '../../client/src/workspace/canvas';

describe('workspace canvas: drawing large views', () => {
  it('moves only large views as a picture, unless full drawing is asked for', () => {
    expect(movesAsPicture(LARGE_VIEW_ELEMENTS, 'auto')).toBe(false);
    expect(movesAsPicture(LARGE_VIEW_ELEMENTS + 1, 'auto')).toBe(true);
    expect(movesAsPicture(25_000, 'full')).toBe(false);
    expect(movesAsPicture(0, 'auto')).toBe(false);
  });

  it('recognises software WebGL by the renderer it reports', () => {
    expect(
      SOFTWARE_GL.test(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(true);
    expect(SOFTWARE_GL.test('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(
      SOFTWARE_GL.test('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)'),
    ).toBe(false);
  });
});
