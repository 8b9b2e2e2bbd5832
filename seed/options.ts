/**
 * Scenario options: a documented `DEFAULTS` object, the size presets (`demo`, `small`, `medium`,
 * `large`) that override it, and validation with messages that say which option is wrong.
 */
import { periodFrom } from './time';
import { VARIANTS, type VariantName } from './variants';

export const SIZES = ['demo', 'small', 'medium', 'large'] as const;
export type SizeName = (typeof SIZES)[number];

export interface ScenarioOptions {
  size: SizeName;
  /** Any integer 0..4294967295; the same seed and options give byte-identical files. */
  seed: number;
  /** First day of the period, local date in China Standard Time (`YYYY-MM-DD`). */
  start: string;
  /** Length of the period in days. */
  days: number;
  /** Background population (people with phones, bank and platform accounts). */
  people: number;
  /** Scam rings hidden in the population. */
  rings: number;
  /** Victims per ring, drawn uniformly between the two (inclusive). */
  victimsPerRing: { min: number; max: number };
  /** Share of victims who report to the police (0..1). */
  reportRate: number;
  /** Calls a person of median activity makes per day. */
  callsPerPersonDay: number;
  /** Purchases and person-to-person transfers of a person of median activity per day. */
  paymentsPerPersonDay: number;
  /** Platform messages a person of median activity sends per day. */
  messagesPerPersonDay: number;
  /** Platform logins recorded per person per day. */
  loginsPerPersonDay: number;
  /** Outgoing calls of one SIM box per day. */
  simBoxCallsPerDay: number;
  /** Outgoing calls of one burner-phone caller per day. */
  burnerCallsPerDay: number;
  /** Share of a ring's mule accounts borrowed from rings generated before it (0..1). */
  sharedMuleRate: number;
  /** One merchant per this many people. */
  peoplePerMerchant: number;
  /** One courier work phone per this many people. */
  peoplePerCourier: number;
  /** One outbound call centre per this many people (at least one). */
  peoplePerCallCentre: number;
  /** Police stations taking reports (at most 16). */
  stations: number;
  /**
   * Which partners' files are written (`seed/variants.ts`): `full` (all of them), `telecom`,
   * `banking` or `unreported`. The simulated world is the same for every variant.
   */
  variant: VariantName;
}

/** Options of every scenario unless a size preset or an override says otherwise (the demo). */
export const DEFAULTS: Omit<ScenarioOptions, 'size' | 'seed'> = {
  start: '2026-10-01',
  days: 28,
  people: 3_000,
  rings: 4,
  victimsPerRing: { min: 10, max: 22 },
  reportRate: 0.55,
  callsPerPersonDay: 0.18,
  paymentsPerPersonDay: 0.06,
  messagesPerPersonDay: 0.05,
  loginsPerPersonDay: 0.05,
  simBoxCallsPerDay: 25,
  burnerCallsPerDay: 10,
  sharedMuleRate: 0.12,
  peoplePerMerchant: 40,
  peoplePerCourier: 600,
  peoplePerCallCentre: 8_000,
  stations: 8,
  variant: 'full',
};

/** What each size changes. */
export const SIZE_PRESETS: Record<SizeName, Partial<Omit<ScenarioOptions, 'size' | 'seed'>>> = {
  demo: {},
  small: {
    people: 20_000,
    rings: 10,
    victimsPerRing: { min: 15, max: 35 },
    simBoxCallsPerDay: 60,
    burnerCallsPerDay: 20,
    stations: 12,
  },
  medium: {
    people: 100_000,
    rings: 30,
    victimsPerRing: { min: 20, max: 50 },
    simBoxCallsPerDay: 120,
    burnerCallsPerDay: 25,
    stations: 16,
  },
  large: {
    people: 300_000,
    rings: 60,
    victimsPerRing: { min: 25, max: 60 },
    simBoxCallsPerDay: 200,
    burnerCallsPerDay: 30,
    stations: 16,
  },
};

function fail(message: string): never {
  throw new RangeError(`seed: ${message}`);
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

function checkRate(name: string, value: number, max = 1): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    fail(`${name} must be a number from 0 to ${max}, got ${String(value)}`);
  }
}

/** The options of `size` with `overrides` applied, checked; throws a RangeError naming the problem. */
export function resolveOptions(
  size: SizeName,
  seed: number,
  overrides: Partial<Omit<ScenarioOptions, 'size' | 'seed'>> = {},
): ScenarioOptions {
  if (!SIZES.includes(size)) fail(`size must be one of ${SIZES.join(', ')}, got "${String(size)}"`);
  const options: ScenarioOptions = { ...DEFAULTS, ...SIZE_PRESETS[size], ...overrides, size, seed };
  checkInteger('seed', options.seed, 0, 0xffff_ffff);
  checkInteger('days', options.days, 7, 366);
  checkInteger('people', options.people, 500, 2_000_000);
  checkInteger('rings', options.rings, 1, Math.floor(options.people / 150));
  checkInteger('victimsPerRing.min', options.victimsPerRing.min, 1, 10_000);
  checkInteger(
    'victimsPerRing.max',
    options.victimsPerRing.max,
    options.victimsPerRing.min,
    10_000,
  );
  if (options.rings * options.victimsPerRing.max > options.people / 4) {
    fail('rings × victimsPerRing.max must stay under a quarter of people');
  }
  checkRate('reportRate', options.reportRate);
  checkRate('sharedMuleRate', options.sharedMuleRate, 0.5);
  for (const name of [
    'callsPerPersonDay',
    'paymentsPerPersonDay',
    'messagesPerPersonDay',
    'loginsPerPersonDay',
  ] as const) {
    checkRate(name, options[name], 20);
  }
  checkInteger('simBoxCallsPerDay', options.simBoxCallsPerDay, 1, 5_000);
  checkInteger('burnerCallsPerDay', options.burnerCallsPerDay, 1, 1_000);
  checkInteger('peoplePerMerchant', options.peoplePerMerchant, 5, 100_000);
  checkInteger('peoplePerCourier', options.peoplePerCourier, 50, 1_000_000);
  checkInteger('peoplePerCallCentre', options.peoplePerCallCentre, 500, 10_000_000);
  checkInteger('stations', options.stations, 1, 16);
  if (!VARIANTS.includes(options.variant)) {
    fail(`variant must be one of ${VARIANTS.join(', ')}, got "${String(options.variant)}"`);
  }
  periodFrom(options.start, options.days);
  return options;
}
