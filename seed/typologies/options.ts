/**
 * Options of the AMLSim-style laundering world: a documented `DEFAULTS` object, the typologies it
 * can plant, and validation with errors that name the option.
 */

/** The laundering typologies of AMLSim / AMLworld, in the order patterns are planted. */
export const TYPOLOGIES = [
  'fan_in',
  'fan_out',
  'cycle',
  'scatter_gather',
  'gather_scatter',
  'bipartite',
  'stack',
  'random',
] as const;

export type Typology = (typeof TYPOLOGIES)[number];

/**
 * How a pattern's payments fall in time: `burst` within a window of 3-20 steps, whole; `spread`
 * as in AMLSim's published samples, one payment after another at a fixed interval over most of
 * the period, each sent as several pieces within one step; `unordered` as `spread`, but each
 * payment at a random step of that span (AMLSim's unordered schedule), so money may be passed
 * on before it arrived.
 */
export const SCHEDULES = ['burst', 'spread', 'unordered'] as const;

export type Schedule = (typeof SCHEDULES)[number];

export interface TypologyOptions {
  /** Seed of every random choice: the same options give byte-identical files. */
  seed: number;
  /** Accounts in nodes.csv, background and laundering together. */
  accounts: number;
  /** Simulation steps: transaction times are the integers 1..steps. */
  steps: number;
  /** Laundering patterns planted per typology. */
  patternsPerTypology: number;
  /** Which typologies to plant. */
  typologies: readonly Typology[];
  /** How the patterns' payments fall in time (`SCHEDULES`). */
  schedule: Schedule;
  /** On `spread` and `unordered`: each payment in one transfer, never in pieces. */
  wholePayments: boolean;
}

/** The defaults: about 100k transactions of which 1-2 % are laundering, 80 patterns. */
export const DEFAULTS: TypologyOptions = {
  seed: 1,
  accounts: 10_000,
  steps: 150,
  patternsPerTypology: 10,
  typologies: TYPOLOGIES,
  schedule: 'burst',
  wholePayments: false,
};

function fail(message: string): never {
  throw new RangeError(`seed/typologies: ${message}`);
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

/** `partial` over the defaults, checked; throws a RangeError naming the bad option. */
export function resolveTypologyOptions(partial: Partial<TypologyOptions> = {}): TypologyOptions {
  const options: TypologyOptions = { ...DEFAULTS, ...partial };
  checkInteger('seed', options.seed, 0, 0xffff_ffff);
  checkInteger('accounts', options.accounts, 200, 5_000_000);
  checkInteger('steps', options.steps, 20, 100_000);
  checkInteger('patternsPerTypology', options.patternsPerTypology, 0, 10_000);
  if (options.typologies.length === 0) fail('typologies must name at least one typology');
  for (const typology of options.typologies) {
    if (!(TYPOLOGIES as readonly string[]).includes(typology)) {
      fail(`unknown typology "${String(typology)}"; known: ${TYPOLOGIES.join(', ')}`);
    }
  }
  if (!(SCHEDULES as readonly string[]).includes(options.schedule)) {
    fail(`unknown schedule "${String(options.schedule)}"; known: ${SCHEDULES.join(', ')}`);
  }
  const distinct = TYPOLOGIES.filter((typology) => options.typologies.includes(typology));
  return { ...options, typologies: distinct };
}
