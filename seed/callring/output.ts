/**
 * The call-record world as Ringtrace's partner files: `telecom-cdr.csv` and, when victims report,
 * `police-reports.csv` (columns exactly as docs/data-formats.md, numbers in E.164), and the ground
 * truth `truth.json`. Pure: each function returns the file's text.
 */
import { csvHeader, csvLine } from '../output/csv';
import { fileName } from '../output/formats';
import { formatTime } from '../time';
import type { Call } from './calls';
import type { CallRingWorld } from './generate';

export const CDR_FILE = fileName('telecom-cdr');
export const REPORTS_FILE = fileName('police-reports');
export const TRUTH_FILE = 'truth.json';

/**
 * telecom-cdr.csv in pieces of `linesPerChunk` lines (the header first), so a large file is
 * written without one huge string. No field needs quoting: digits, `+`, `-`, `:` only.
 */
export function* cdrChunks(world: CallRingWorld, linesPerChunk = 8192): Generator<string> {
  const { number, imsi } = world.subscribers;
  yield csvHeader('telecom-cdr');
  const { calls } = world;
  for (let first = 0; first < calls.length; first += linesPerChunk) {
    let chunk = '';
    const end = Math.min(calls.length, first + linesPerChunk);
    for (let i = first; i < end; i += 1) {
      const call = calls[i] as Call;
      const id = `CDR${String(i + 1).padStart(12, '0')}`;
      const time = formatTime(call.start);
      chunk += `${id},${number[call.from]},${number[call.to]},${time},${call.duration},`;
      chunk += `${imsi[call.from]},${call.imei},${call.cell}\n`;
    }
    yield chunk;
  }
}

/** telecom-cdr.csv as one text (for tests and small worlds). */
export function cdrCsv(world: CallRingWorld): string {
  return [...cdrChunks(world)].join('');
}

/** police-reports.csv, or null when nobody reports. */
export function reportsCsv(world: CallRingWorld): string | null {
  if (world.reports.length === 0) return null;
  return [
    csvHeader('police-reports'),
    ...world.reports.map((row) => csvLine('police-reports', row)),
  ].join('');
}

/** truth.json: one list a line, so it reads and diffs well. */
export function truthJson(world: CallRingWorld): string {
  return `${JSON.stringify(world.truth, null, 1)}\n`;
}
