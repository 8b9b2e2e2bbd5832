/**
 * The dashboard's chart geometry: nice axis tops and ticks, vertical bars per hour (thinned
 * labels, no vanishing small bars), horizontal bars per station with the open part over all.
 */
import { describe, expect, it } from 'vitest';
import {
  clip,
  horizontalBars,
  hourLabel,
  niceCeiling,
  ticks,
  verticalBars,
  type ChartBox,
} from '../../client/src/alerts/charts';

const BOX: ChartBox = { width: 240, height: 120, left: 20, bottom: 20, top: 0, right: 20 };

describe('axes', () => {
  it('rounds a maximum up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(3)).toBe(5);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(13)).toBe(20);
    expect(niceCeiling(200)).toBe(200);
    expect(niceCeiling(201)).toBe(500);
  });

  it('ticks whole numbers from 0 to at least the maximum', () => {
    expect(ticks(0)).toEqual([0, 1]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(3)).toEqual([0, 1, 2, 3]);
    expect(ticks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(ticks(13)).toEqual([0, 5, 10, 15]);
    expect(ticks(23)).toEqual([0, 10, 20, 30]);
    expect(ticks(950)).toEqual([0, 500, 1000]);
  });
});

describe('vertical bars (alerts per hour)', () => {
  it('divides the plot into one slot per value and scales heights to the top tick', () => {
    const chart = verticalBars(
      [
        { label: '10h', value: 0 },
        { label: '11h', value: 2 },
        { label: '12h', value: 4 },
        { label: '13h', value: 1 },
      ],
      BOX,
      10,
    );
    expect(chart.baseline).toBe(100);
    expect(chart.ticks).toEqual([
      { value: 0, at: 100 },
      { value: 1, at: 75 },
      { value: 2, at: 50 },
      { value: 3, at: 25 },
      { value: 4, at: 0 },
    ]);
    expect(chart.bars.map((bar) => bar.height)).toEqual([0, 50, 100, 25]);
    expect(chart.bars.map((bar) => bar.y)).toEqual([100, 50, 0, 75]);
    // 200 units wide, 4 slots of 50 with a 4-unit gap.
    expect(chart.bars.map((bar) => bar.x)).toEqual([22, 72, 122, 172]);
    expect(chart.bars.every((bar) => bar.width === 46)).toBe(true);
    expect(chart.bars.every((bar) => bar.showLabel)).toBe(true);
  });

  it('keeps a small count visible and thins labels that would collide', () => {
    const values = Array.from({ length: 24 }, (_, hour) => ({
      label: `${hour}h`,
      value: hour === 5 ? 1 : hour === 6 ? 1000 : 0,
    }));
    const chart = verticalBars(values, BOX, 34);
    expect(chart.bars[5]?.height).toBe(1);
    expect(chart.bars[0]?.height).toBe(0);
    // Slots of 200/24 units: a 34-unit label fits every 5th bar.
    expect(chart.bars.filter((bar) => bar.showLabel).map((bar) => bar.label)).toEqual([
      '0h',
      '5h',
      '10h',
      '15h',
      '20h',
    ]);
  });

  it('draws an empty period as an axis without bars', () => {
    const chart = verticalBars([], BOX);
    expect(chart.bars).toEqual([]);
    expect(chart.ticks.map((tick) => tick.value)).toEqual([0, 1]);
  });
});

describe('horizontal bars (alerts per station)', () => {
  it('gives each row its place, the whole value and the open part over it', () => {
    const chart = horizontalBars(
      [
        { label: 'Chaoyang', value: 8, part: 2 },
        { label: 'Centre', value: 4, part: 4 },
        { label: 'Haidian', value: 0 },
      ],
      { width: 240, left: 20, right: 20, top: 0, bottom: 20 },
      20,
    );
    expect(chart.height).toBe(80);
    expect(chart.ticks.map((tick) => [tick.value, tick.at])).toEqual([
      [0, 20],
      [2, 70],
      [4, 120],
      [6, 170],
      [8, 220],
    ]);
    expect(chart.rows.map((row) => [row.label, row.y, row.width, row.partWidth])).toEqual([
      ['Chaoyang', 3, 200, 50],
      ['Centre', 23, 100, 100],
      ['Haidian', 43, 0, 0],
    ]);
    expect(chart.rows.every((row) => row.height === 14 && row.x === 20)).toBe(true);
  });

  it('never draws the part longer than the whole', () => {
    const [row] = horizontalBars([{ label: 'x', value: 2, part: 5 }]).rows;
    expect(row?.part).toBe(2);
    expect(row?.partWidth).toBe(row?.width);
  });
});

describe('labels', () => {
  it('names hours in UTC, and the day at midnight', () => {
    expect(hourLabel('2026-12-04T07:00:00Z')).toBe('07h');
    expect(hourLabel('2026-12-04T19:00:00.000Z')).toBe('19h');
    expect(hourLabel('2026-12-04T00:00:00Z')).toBe('Dec 4');
  });

  it('cuts long names with an ellipsis', () => {
    expect(clip('Chaoyang', 22)).toBe('Chaoyang');
    expect(clip('Beijing Chaoyang District Jianwai Station', 12)).toBe('Beijing Cha…');
  });
});
