/**
 * Options of the call-record world: a documented `DEFAULTS` object and validation with errors
 * that name the option.
 */

export const MODES = ['rings', 'operator'] as const;

/**
 * `rings`: a few organised calling rings (callers and their coordinators) hidden in the call
 * graph. `operator`: an operator's view, about 1 % of numbers labelled fraud, most of them
 * working alone.
 */
export type CallRingMode = (typeof MODES)[number];

export interface CallRingOptions {
  /** Seed of every random choice: the same options give byte-identical files. */
  seed: number;
  /** Distinct phone numbers: subscribers, busy businesses and fraud numbers together. */
  numbers: number;
  /** Days of call records. */
  days: number;
  mode: CallRingMode;
  /** Share (0..1) of victims who report to the police; police-reports.csv is written when > 0. */
  reportShare: number;
  /** Local (+08:00) date of the first day, `YYYY-MM-DD`. */
  start: string;
  /**
   * Share (0..1] of the ordinary calls kept, each by chance: a public sample of call records
   * with a ring planted in it, where the fraud numbers' calls are all there and everyone
   * else's only in part (so a friend's call back is often missing).
   */
  sampleShare: number;
}

/** About 300k calls at the defaults. */
export const DEFAULTS: CallRingOptions = {
  seed: 1,
  numbers: 20_000,
  days: 14,
  mode: 'rings',
  reportShare: 0,
  start: '2026-10-01',
  sampleShare: 1,
};

function fail(message: string): never {
  throw new RangeError(`seed/callring: ${message}`);
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

/** `partial` over the defaults, checked; throws a RangeError naming the bad option. */
export function resolveCallRingOptions(partial: Partial<CallRingOptions> = {}): CallRingOptions {
  const options: CallRingOptions = { ...DEFAULTS, ...partial };
  checkInteger('seed', options.seed, 0, 0xffff_ffff);
  checkInteger('numbers', options.numbers, 1_000, 2_000_000);
  checkInteger('days', options.days, 3, 366);
  if (!(MODES as readonly string[]).includes(options.mode)) {
    fail(`mode must be one of ${MODES.join(', ')}, got "${String(options.mode)}"`);
  }
  if (!(options.reportShare >= 0 && options.reportShare <= 1)) {
    fail(`reportShare must be a number from 0 to 1, got ${options.reportShare}`);
  }
  if (!(options.sampleShare > 0 && options.sampleShare <= 1)) {
    fail(`sampleShare must be a number above 0 and at most 1, got ${options.sampleShare}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.start)) {
    fail(`start must be a date like 2026-10-01, got "${options.start}"`);
  }
  return options;
}
