/**
 * The fonts the page and the canvas draw with: the system's, then Noto Sans SC (`fonts.css`) for
 * Chinese, so a name reads the same on every machine. The canvas draws text itself, so it cannot
 * ask for the font as the page does: `loadCjkFont` fetches it, and the canvas redraws once it is in.
 */

/** The CSS family of the Chinese web font (`fonts.css`). */
export const CJK_FAMILY = 'Noto Sans SC Subset';

/** The font stack of the page and of the canvas labels (double quotes: Cytoscape takes no others). */
export const FONT_STACK = `system-ui, "${CJK_FAMILY}", sans-serif`;

let loading: Promise<boolean> | null = null;

/** Fetches the Chinese web font once; true when it is ready to draw with. */
export function loadCjkFont(): Promise<boolean> {
  loading ??= document.fonts
    .load(`12px "${CJK_FAMILY}"`, '王')
    .then((faces) => faces.length > 0)
    .catch(() => false);
  return loading;
}
