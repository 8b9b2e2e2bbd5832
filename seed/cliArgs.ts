/**
 * Arguments of `npm run seed`: parsed and checked, with messages that say what to type instead.
 */
import { parseArgs } from 'node:util';
import { SIZES, type SizeName } from './options';
import { VARIANTS, type VariantName } from './variants';

export const USAGE = `Usage: npm run seed -- --size <${SIZES.join('|')}> --seed <integer> --out <directory>
                    [--variant <${VARIANTS.join('|')}>]
                    [--rings <n>] [--people <n>] [--days <n>] [--start <YYYY-MM-DD>]`;

export interface CliArgs {
  size: SizeName;
  seed: number;
  out: string;
  overrides: {
    rings?: number;
    people?: number;
    days?: number;
    start?: string;
    variant?: VariantName;
  };
}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

/** Parses `argv` (without node and script); throws an Error whose message is fit to print. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        size: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        rings: { type: 'string' },
        people: { type: 'string' },
        days: { type: 'string' },
        start: { type: 'string' },
        variant: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const size = values.size ?? 'demo';
  if (!(SIZES as readonly string[]).includes(size)) {
    throw new Error(`--size must be one of ${SIZES.join(', ')}, got "${size}"`);
  }
  const seed = integer('seed', values.seed) ?? 42;
  if (seed > 0xffff_ffff) throw new Error(`--seed must be at most 4294967295, got ${seed}`);
  if (!values.out) throw new Error('--out <directory> is required: where to write the files');
  const overrides: CliArgs['overrides'] = {};
  const rings = integer('rings', values.rings);
  const people = integer('people', values.people);
  const days = integer('days', values.days);
  if (rings !== undefined) overrides.rings = rings;
  if (people !== undefined) overrides.people = people;
  if (days !== undefined) overrides.days = days;
  if (values.start !== undefined) overrides.start = values.start;
  if (values.variant !== undefined) {
    if (!(VARIANTS as readonly string[]).includes(values.variant)) {
      throw new Error(`--variant must be one of ${VARIANTS.join(', ')}, got "${values.variant}"`);
    }
    overrides.variant = values.variant as VariantName;
  }
  return { size: size as SizeName, seed, out: values.out, overrides };
}
