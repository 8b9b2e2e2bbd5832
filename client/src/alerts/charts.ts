/**
 * Chart geometry for the centre's dashboard: pure functions from figures to rectangles, ticks and
 * label positions in SVG user units. Drawing them (`dashboard.ts`) is the only DOM work; nothing
 * here touches the page, so the geometry is tested on its own.
 */
import { localParts } from '../time';

/** The drawing area of a chart and the room kept for its axes. */
export interface ChartBox {
  width: number;
  height: number;
  /** Room for the value axis labels (vertical bars) or the row labels (horizontal bars). */
  left: number;
  /** Room for the category labels under vertical bars. */
  bottom: number;
  top: number;
  right: number;
}

export const DEFAULT_BOX: ChartBox = {
  width: 640,
  height: 200,
  left: 36,
  bottom: 22,
  top: 10,
  right: 10,
};

/** The smallest "nice" number (1, 2 or 5 times a power of ten) at or above `value`; 1 for 0. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value - 1e-9) return step * power;
  }
  return 10 * power;
}

/**
 * Axis ticks from 0 to the first tick at or above `max`, a nice whole step apart (counts), about
 * `most` steps in all.
 */
export function ticks(max: number, most = 4): number[] {
  const step = Math.max(1, niceCeiling(max / most));
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const result: number[] = [];
  for (let value = 0; value <= top; value += step) result.push(value);
  return result;
}

export interface VerticalBar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  label: string;
  /** Whether the category label is drawn under this bar (every n-th, so labels never collide). */
  showLabel: boolean;
}

export interface Tick {
  /** Position along the value axis (y for vertical bars, x for horizontal ones). */
  at: number;
  value: number;
}

export interface VerticalBars {
  bars: VerticalBar[];
  ticks: Tick[];
  /** The baseline's y. */
  baseline: number;
}

/**
 * Vertical bars, one per value, left to right, scaled to a nice top. A bar of a value above 0 is
 * at least 1 unit high so it never disappears; category labels are thinned to fit
 * (`labelWidth` units each).
 */
export function verticalBars(
  values: readonly { label: string; value: number }[],
  box: ChartBox = DEFAULT_BOX,
  labelWidth = 34,
): VerticalBars {
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const baseline = box.height - box.bottom;
  const max = Math.max(0, ...values.map((entry) => entry.value));
  const axis = ticks(max);
  const top = axis[axis.length - 1] ?? 1;
  const slot = values.length ? plotWidth / values.length : plotWidth;
  const gap = Math.min(4, slot * 0.2);
  const labelEvery = Math.max(1, Math.ceil(labelWidth / Math.max(slot, 1e-9)));
  return {
    baseline,
    ticks: axis.map((value) => ({ value, at: baseline - (plotHeight * value) / top })),
    bars: values.map((entry, index) => {
      const raw = (plotHeight * entry.value) / top;
      const height = entry.value > 0 ? Math.max(1, raw) : 0;
      return {
        x: box.left + index * slot + gap / 2,
        y: baseline - height,
        width: Math.max(0, slot - gap),
        height,
        value: entry.value,
        label: entry.label,
        showLabel: index % labelEvery === 0,
      };
    }),
  };
}

export interface HorizontalBar {
  label: string;
  /** The row's top. */
  y: number;
  height: number;
  x: number;
  /** Width of the whole value. */
  width: number;
  /** Width of the part of it (e.g. the alerts still open), drawn over the whole. */
  partWidth: number;
  value: number;
  part: number;
}

export interface HorizontalBars {
  rows: HorizontalBar[];
  ticks: Tick[];
  /** The chart's height for its rows (rows never shrink below `rowHeight`). */
  height: number;
}

/**
 * Horizontal bars, one row per entry, top to bottom in the given order, each with an optional
 * part drawn over it (open of all). The chart grows with its rows.
 */
export function horizontalBars(
  entries: readonly { label: string; value: number; part?: number }[],
  box: Omit<ChartBox, 'height'> = DEFAULT_BOX,
  rowHeight = 22,
): HorizontalBars {
  const plotWidth = box.width - box.left - box.right;
  const max = Math.max(0, ...entries.map((entry) => entry.value));
  const axis = ticks(max);
  const top = axis[axis.length - 1] ?? 1;
  const scale = (value: number) => (plotWidth * Math.max(0, value)) / top;
  const barHeight = Math.round(rowHeight * 0.7);
  return {
    height: box.top + entries.length * rowHeight + box.bottom,
    ticks: axis.map((value) => ({ value, at: box.left + scale(value) })),
    rows: entries.map((entry, index) => {
      const part = Math.min(entry.part ?? 0, entry.value);
      return {
        label: entry.label,
        y: box.top + index * rowHeight + (rowHeight - barHeight) / 2,
        height: barHeight,
        x: box.left,
        width: entry.value > 0 ? Math.max(1, scale(entry.value)) : 0,
        partWidth: part > 0 ? Math.max(1, scale(part)) : 0,
        value: entry.value,
        part,
      };
    }),
  };
}

/**
 * The label of an hour bar: `19h`, or the day `Dec 4` at midnight, in the investigator's time
 * zone (or `timeZone`) like every time shown.
 */
export function hourLabel(iso: string, timeZone?: string): string {
  const parts = localParts(iso, timeZone ? { timeZone } : {});
  if (!parts) return iso;
  const hour = parts.time.slice(0, 2);
  if (hour !== '00') return `${hour}h`;
  const [year, month, day] = parts.date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).toLocaleDateString('en', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** A label cut to `most` characters with an ellipsis, so long station names fit their column. */
export function clip(text: string, most: number): string {
  return text.length <= most ? text : `${text.slice(0, Math.max(1, most - 1))}…`;
}
