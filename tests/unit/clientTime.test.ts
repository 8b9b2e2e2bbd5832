import { describe, expect, it } from 'vitest';
import {
  formatAtOffset,
  formatClock,
  formatDay,
  formatTime,
  localParts,
  offsetText,
  parseOffset,
  zoneOffset,
} from '../../client/src/time';
import { hourLabel } from '../../client/src/alerts/charts';

describe('times in the investigator’s time zone', () => {
  it('shows a UTC record time in Shanghai with the offset', () => {
    expect(formatTime('2026-11-02T02:00:00Z', { timeZone: 'Asia/Shanghai' })).toBe(
      '2026-11-02 10:00 (UTC+08:00)',
    );
    expect(formatTime('2026-11-02T10:00:00+08:00', { timeZone: 'Asia/Shanghai' })).toBe(
      '2026-11-02 10:00 (UTC+08:00)',
    );
  });

  it('crosses the date line and keeps half hours and negative offsets', () => {
    expect(formatTime('2026-11-01T20:30:00Z', { timeZone: 'Asia/Kolkata' })).toBe(
      '2026-11-02 02:00 (UTC+05:30)',
    );
    expect(formatTime('2026-11-02T02:00:00Z', { timeZone: 'America/St_Johns' })).toBe(
      '2026-11-01 22:30 (UTC-03:30)',
    );
  });

  it('follows summer time by the date', () => {
    expect(formatTime('2026-07-01T12:00:00Z', { timeZone: 'Europe/London' })).toBe(
      '2026-07-01 13:00 (UTC+01:00)',
    );
    expect(formatTime('2026-12-01T12:00:00Z', { timeZone: 'Europe/London' })).toBe(
      '2026-12-01 12:00 UTC',
    );
  });

  it('writes seconds on request, clocks without the offset, days, and the zone’s offset', () => {
    const at = '2026-11-02T02:00:05.123Z';
    expect(formatTime(at, { timeZone: 'Asia/Shanghai', seconds: true })).toBe(
      '2026-11-02 10:00:05 (UTC+08:00)',
    );
    expect(formatClock(at, { timeZone: 'Asia/Shanghai' })).toBe('2026-11-02 10:00');
    expect(formatDay('2026-11-01T17:00:00Z', 'Asia/Shanghai')).toBe('2026-11-02');
    expect(zoneOffset(at, 'Asia/Shanghai')).toBe('UTC+08:00');
    expect(localParts(Date.parse(at), { timeZone: 'UTC' })).toEqual({
      date: '2026-11-02',
      time: '02:00',
      offset: 'UTC',
    });
  });

  it('leaves empty values empty and text that is not a time as it is', () => {
    expect(formatTime(null)).toBe('');
    expect(formatTime(undefined)).toBe('');
    expect(formatTime('soon')).toBe('soon');
    expect(formatClock('')).toBe('');
  });

  it('shows a record at the offset it was written with', () => {
    expect(formatAtOffset('2026-11-02T02:00:00Z', '+08:00')).toBe(
      '2026-11-02 10:00:00 (UTC+08:00)',
    );
    expect(formatAtOffset('2026-11-02T02:00:00Z', '-0330')).toBe('2026-11-01 22:30:00 (UTC-03:30)');
    expect(formatAtOffset('2026-11-02T02:00:00Z', 'Z')).toBe('2026-11-02 02:00:00 UTC');
    expect(formatAtOffset('2026-11-02T02:00:00Z', 'local')).toBeNull();
  });

  it('reads and writes offsets', () => {
    expect(parseOffset('+08:00')).toBe(480);
    expect(parseOffset('-03:30')).toBe(-210);
    expect(parseOffset('Z')).toBe(0);
    expect(parseOffset('8')).toBeNull();
    expect(offsetText(480)).toBe('UTC+08:00');
    expect(offsetText(-210)).toBe('UTC-03:30');
    expect(offsetText(0)).toBe('UTC');
  });

  it('labels the dashboard’s hours in the investigator’s zone', () => {
    expect(hourLabel('2026-12-04T07:00:00Z', 'Asia/Shanghai')).toBe('15h');
    expect(hourLabel('2026-12-04T16:00:00Z', 'Asia/Shanghai')).toBe('Dec 5');
  });
});
