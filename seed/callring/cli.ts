/**
 * `npx tsx seed/callring/cli.ts --seed 3 --mode rings --out DIR [--numbers N] [--days N]
 * [--report-share 0.3] [--sample-share 0.2] [--start 2026-10-01]`: writes a call-record world and prints a summary.
 * Exit code 2 on bad arguments.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MODES, type CallRingMode } from './options';
import { writeCallRing, type WriteCallRingOptions } from './write';

const USAGE = `Usage: npx tsx seed/callring/cli.ts --seed <integer> --out <directory>
         [--mode <${MODES.join('|')}>] [--numbers <n>] [--days <n>] [--report-share <0..1>]
         [--sample-share <0..1>] [--start <YYYY-MM-DD>]`;

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new RangeError(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

function share(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(text)) {
    throw new RangeError(`--${name} must be a number from 0 to 1, got "${text}"`);
  }
  return Number(text);
}

/** Parses `argv` (without node and script); throws an error whose message is fit to print. */
function parseCallRingArgs(argv: readonly string[]): WriteCallRingOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string' },
      out: { type: 'string' },
      mode: { type: 'string' },
      numbers: { type: 'string' },
      days: { type: 'string' },
      'report-share': { type: 'string' },
      'sample-share': { type: 'string' },
      start: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.out) throw new RangeError('--out <directory> is required: where to write the files');
  const options: WriteCallRingOptions = { outDir: resolve(values.out) };
  const seed = integer('seed', values.seed);
  const numbers = integer('numbers', values.numbers);
  const days = integer('days', values.days);
  if (seed !== undefined) options.seed = seed;
  if (numbers !== undefined) options.numbers = numbers;
  if (days !== undefined) options.days = days;
  if (values.mode !== undefined) options.mode = values.mode as CallRingMode;
  if (values.start !== undefined) options.start = values.start;
  const reportShare = share('report-share', values['report-share']);
  if (reportShare !== undefined) options.reportShare = reportShare;
  const sampleShare = share('sample-share', values['sample-share']);
  if (sampleShare !== undefined) options.sampleShare = sampleShare;
  return options;
}

async function main(): Promise<void> {
  let options: WriteCallRingOptions;
  try {
    options = parseCallRingArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const summary = await writeCallRing(options);
  const { mode, seed, numbers, days } = summary.options;
  console.log(`Call-record world (${mode}), seed ${seed}, written to ${summary.dir}`);
  console.log(
    `  ${numbers.toLocaleString('en-US')} numbers over ${days} days, ` +
      `${summary.calls.toLocaleString('en-US')} calls, ${summary.rings} rings, ` +
      `${summary.fraudNumbers} fraud numbers, ${summary.victims} victims, ` +
      `${summary.reports} police reports, ${summary.seconds} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof RangeError ? 2 : 1;
});
