/**
 * Times as the investigator reads them: in the browser's time zone with its offset shown
 * (`2026-11-02 10:00 (UTC+08:00)`), and, in the details, as the record was written (its own
 * offset, e.g. `+08:00`). Every time the client shows goes through here. The API speaks UTC
 * (ISO 8601); `timeZone` (an IANA name) is for tests and defaults to the browser's.
 */

/** The clock of one instant in one zone: `2026-11-02`, `10:00` (or `10:00:05`), `UTC+08:00`. */
export interface ClockParts {
  date: string;
  time: string;
  offset: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, found);
  }
  return found;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** An offset in minutes east of UTC as `UTC+08:00`, `UTC-03:30`, or `UTC` for none. */
export function offsetText(minutes: number): string {
  if (Math.round(minutes) === 0) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const size = Math.abs(Math.round(minutes));
  return `UTC${sign}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

/** A record's offset as written (`+08:00`, `-0330`, `Z`) in minutes east of UTC, or null. */
export function parseOffset(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The fields of one instant in a zone, and the zone's offset then (minutes east of UTC). */
function zoneFields(ms: number, timeZone: string | undefined) {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = fields.year ?? 1970;
  const month = fields.month ?? 1;
  const day = fields.day ?? 1;
  const hour = fields.hour ?? 0;
  const minute = fields.minute ?? 0;
  const second = fields.second ?? 0;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  return { year, month, day, hour, minute, second, offset };
}

function partsOf(
  fields: { year: number; month: number; day: number; hour: number; minute: number },
  second: number,
  offset: number,
  seconds: boolean,
): ClockParts {
  return {
    date: `${pad(fields.year, 4)}-${pad(fields.month)}-${pad(fields.day)}`,
    time: `${pad(fields.hour)}:${pad(fields.minute)}${seconds ? `:${pad(second)}` : ''}`,
    offset: offsetText(offset),
  };
}

/** Milliseconds of an ISO time or epoch number; null when it is not a time. */
function instant(value: string | number | Date): number | null {
  const ms =
    typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** The clock of an instant in the investigator's zone (or `timeZone`); null for a non-time. */
export function localParts(
  value: string | number | Date,
  options: { timeZone?: string; seconds?: boolean } = {},
): ClockParts | null {
  const ms = instant(value);
  if (ms === null) return null;
  const fields = zoneFields(ms, options.timeZone);
  return partsOf(fields, fields.second, fields.offset, options.seconds ?? false);
}

/** The investigator's offset at an instant (now by default): `UTC+08:00`. */
export function zoneOffset(at: string | number | Date = Date.now(), timeZone?: string): string {
  const ms = instant(at) ?? Date.now();
  return offsetText(zoneFields(ms, timeZone).offset);
}

/** `2026-11-02 10:00 (UTC+08:00)`, or `2026-11-02 02:00 UTC` at no offset. */
function withOffset(parts: ClockParts): string {
  return parts.offset === 'UTC'
    ? `${parts.date} ${parts.time} UTC`
    : `${parts.date} ${parts.time} (${parts.offset})`;
}

/**
 * A time in the investigator's zone with the offset: `2026-11-02 10:00 (UTC+08:00)` (in UTC:
 * `2026-11-02 02:00 UTC`). Empty for null; text that is not a time comes back as it is.
 */
export function formatTime(
  value: string | number | Date | null | undefined,
  options: { timeZone?: string; seconds?: boolean } = {},
): string {
  if (value === null || value === undefined || value === '') return '';
  const parts = localParts(value, options);
  return parts ? withOffset(parts) : String(value);
}

/**
 * A time in the investigator's zone without the offset (`2026-11-02 10:00`), for tables and
 * axes whose heading names the offset once (`zoneOffset()`).
 */
export function formatClock(
  value: string | number | Date | null | undefined,
  options: { timeZone?: string; seconds?: boolean } = {},
): string {
  if (value === null || value === undefined || value === '') return '';
  const parts = localParts(value, options);
  return parts ? `${parts.date} ${parts.time}` : String(value);
}

/** A day in the investigator's zone: `2026-11-02`. */
export function formatDay(value: string | number | Date, timeZone?: string): string {
  return localParts(value, timeZone ? { timeZone } : {})?.date ?? String(value);
}

/**
 * A time as its record was written, at the record's own offset (`+08:00`):
 * `2026-11-02 10:00:00 (UTC+08:00)`. Null when the time or the offset cannot be read.
 */
export function formatAtOffset(value: string, offset: string): string | null {
  const ms = instant(value);
  const minutes = parseOffset(offset);
  if (ms === null || minutes === null) return null;
  const shifted = new Date(ms + minutes * 60_000);
  const fields = {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
  return withOffset(partsOf(fields, shifted.getUTCSeconds(), minutes, true));
}
