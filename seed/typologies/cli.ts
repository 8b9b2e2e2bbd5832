/**
 * `npx tsx seed/typologies/cli.ts --seed 3 --out DIR [--accounts N] [--steps N]
 * [--patterns-per-typology N] [--typologies fan_in,cycle] [--schedule burst|spread|unordered] [--whole-payments]`: writes an
 * AMLSim-style laundering world and prints a summary. Exit code 2 on bad arguments.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SCHEDULES, TYPOLOGIES, type Schedule, type Typology } from './options';
import { writeTypologies, type WriteTypologiesOptions } from './write';

const USAGE = `Usage: npx tsx seed/typologies/cli.ts --seed <integer> --out <directory>
         [--accounts <n>] [--steps <n>] [--patterns-per-typology <n>] [--typologies <a,b,...>]
         [--schedule <${SCHEDULES.join('|')}>] [--whole-payments]
Typologies: ${TYPOLOGIES.join(', ')}`;

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new RangeError(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

/** Parses `argv` (without node and script); throws an error whose message is fit to print. */
function parseTypologyArgs(argv: readonly string[]): WriteTypologiesOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string' },
      out: { type: 'string' },
      accounts: { type: 'string' },
      steps: { type: 'string' },
      'patterns-per-typology': { type: 'string' },
      typologies: { type: 'string' },
      schedule: { type: 'string' },
      'whole-payments': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.out) throw new RangeError('--out <directory> is required: where to write the files');
  const options: WriteTypologiesOptions = { outDir: resolve(values.out) };
  const seed = integer('seed', values.seed);
  const accounts = integer('accounts', values.accounts);
  const steps = integer('steps', values.steps);
  const perTypology = integer('patterns-per-typology', values['patterns-per-typology']);
  if (seed !== undefined) options.seed = seed;
  if (accounts !== undefined) options.accounts = accounts;
  if (steps !== undefined) options.steps = steps;
  if (perTypology !== undefined) options.patternsPerTypology = perTypology;
  if (values.typologies !== undefined) {
    options.typologies = values.typologies.split(',').map((name) => name.trim() as Typology);
  }
  if (values.schedule !== undefined) options.schedule = values.schedule as Schedule;
  if (values['whole-payments']) options.wholePayments = true;
  return options;
}

async function main(): Promise<void> {
  let options: WriteTypologiesOptions;
  try {
    options = parseTypologyArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const summary = await writeTypologies(options);
  console.log(`Laundering world, seed ${summary.options.seed}, written to ${summary.dir}`);
  console.log(
    `  ${summary.accounts.toLocaleString('en-US')} accounts (${summary.fraudAccounts} laundering), ` +
      `${summary.transactions.toLocaleString('en-US')} transactions, ${summary.patterns} patterns ` +
      `over ${summary.options.steps} steps, ${summary.seconds} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof RangeError ? 2 : 1;
});
