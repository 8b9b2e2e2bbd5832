/**
 * Scenario time: instants are whole seconds since the Unix epoch (UTC); files show them as
 * ISO 8601 local times in China Standard Time (`+08:00`), as partners in this scenario send them.
 * Also the hour-of-day profiles that put calls and payments at plausible times.
 */
import { WeightedTable, type Rng } from '../server/lib/random';

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;
/** China Standard Time, the offset every generated time carries. */
export const OFFSET_SECONDS = 8 * HOUR;

/** The days a scenario covers: `start` is local midnight of the first day. */
export interface Period {
  start: number;
  days: number;
  /** Exclusive end: local midnight after the last day. */
  end: number;
}

/** The period of `days` days starting at local midnight of `startDate` (`YYYY-MM-DD`). */
export function periodFrom(startDate: string, days: number): Period {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startDate);
  if (!match)
    throw new RangeError(`seed: start must be a date like 2026-10-01, got "${startDate}"`);
  const [, year, month, day] = match;
  const utcMidnight = Date.UTC(Number(year), Number(month) - 1, Number(day)) / 1000;
  if (!Number.isFinite(utcMidnight) || new Date(utcMidnight * 1000).getUTCDate() !== Number(day)) {
    throw new RangeError(`seed: start "${startDate}" is not a calendar date`);
  }
  const start = utcMidnight - OFFSET_SECONDS;
  return { start, days, end: start + days * DAY };
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

const dateCache = new Map<number, string>();

/** The local calendar date of a local day number (days since 1970-01-01 local), `YYYY-MM-DD`. */
function localDate(localDay: number): string {
  let text = dateCache.get(localDay);
  if (text === undefined) {
    text = new Date(localDay * DAY * 1000).toISOString().slice(0, 10);
    dateCache.set(localDay, text);
  }
  return text;
}

/** `2026-10-01T21:15:00+08:00` for an instant. */
export function formatTime(instant: number): string {
  const local = Math.floor(instant) + OFFSET_SECONDS;
  const localDay = Math.floor(local / DAY);
  const seconds = local - localDay * DAY;
  const hours = Math.floor(seconds / HOUR);
  const minutes = Math.floor((seconds % HOUR) / MINUTE);
  return `${localDate(localDay)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds % MINUTE)}+08:00`;
}

/** The local date of an instant as `YYYYMMDD`, for identifiers. */
export function compactDate(instant: number): string {
  const localDay = Math.floor((Math.floor(instant) + OFFSET_SECONDS) / DAY);
  return localDate(localDay).replaceAll('-', '');
}

/** Local midnight that starts day `day` (0-based) of the period. */
export function dayStart(period: Period, day: number): number {
  return period.start + day * DAY;
}

/** Day of the month (1-31) of period day `day`. */
export function dayOfMonth(period: Period, day: number): number {
  return new Date((dayStart(period, day) + OFFSET_SECONDS) * 1000).getUTCDate();
}

/** True for Saturdays and Sundays. */
export function isWeekend(period: Period, day: number): boolean {
  const weekday = new Date((dayStart(period, day) + OFFSET_SECONDS) * 1000).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Relative activity per local hour (0-23). */
const PROFILES = {
  /** Private life: little at night, a lunch bump, most in the evening. */
  social: [1, 0.5, 0.2, 0.1, 0.1, 0.3, 1, 3, 5, 6, 6, 6, 8, 7, 6, 6, 6, 7, 9, 10, 10, 9, 6, 3],
  /** Office hours. */
  business: [0, 0, 0, 0, 0, 0, 0, 0.5, 3, 8, 9, 9, 5, 7, 9, 9, 8, 6, 2, 1, 0.5, 0, 0, 0],
  /** Cold-calling shifts of a scam call room. */
  scamShift: [0, 0, 0, 0, 0, 0, 0, 0, 2, 8, 10, 10, 6, 8, 10, 10, 9, 8, 6, 5, 4, 2, 0, 0],
} as const;

export type HourProfile = keyof typeof PROFILES;

const tables = Object.fromEntries(
  Object.entries(PROFILES).map(([name, weights]) => [name, new WeightedTable(weights)]),
) as Record<HourProfile, WeightedTable>;

/** Seconds after local midnight, drawn from an hour-of-day profile. */
export function timeOfDay(rng: Rng, profile: HourProfile): number {
  return tables[profile].pick(rng) * HOUR + rng.int(0, HOUR - 1);
}
