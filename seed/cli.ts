/**
 * `npm run seed -- --size demo --seed 42 --out <dir> [--variant telecom]`: writes a scenario (the
 * partner CSV files of its variant and truth.json) to a directory, shows progress for the larger
 * sizes, and ends with a summary: rows per file written, rings, victims, reporting victims and
 * seconds taken. Exit code 2 on bad arguments.
 */
import { resolve } from 'node:path';
import { parseCliArgs, USAGE, type CliArgs } from './cliArgs';
import { FILE_KINDS, fileName } from './output/formats';
import type { ScenarioProgress } from './scenario';
import { writeScenario, TRUTH_FILE, type ScenarioSummary } from './write';

function printSummary(summary: ScenarioSummary): void {
  const kinds = FILE_KINDS.filter((kind) => summary.files[kind] !== undefined);
  const width = Math.max(...FILE_KINDS.map((kind) => fileName(kind).length));
  const variant = summary.variant === 'full' ? '' : ` (variant ${summary.variant})`;
  console.log(
    `\nScenario ${summary.size}${variant}, seed ${summary.seed}, ${summary.period.start} to ${summary.period.end}`,
  );
  console.log(`Written to ${summary.outDir}`);
  let total = 0;
  for (const kind of kinds) {
    total += summary.rows[kind];
    console.log(
      `  ${fileName(kind).padEnd(width)}  ${summary.rows[kind].toLocaleString('en-US').padStart(11)} rows`,
    );
  }
  console.log(`  ${'all files'.padEnd(width)}  ${total.toLocaleString('en-US').padStart(11)} rows`);
  console.log(`  ${TRUTH_FILE} (ground truth, not for loading)`);
  console.log(
    `Rings ${summary.rings}, victims ${summary.victims} (${summary.reportingVictims} reported), ` +
      `victim payments ${summary.victimPayments}, ${summary.seconds} s`,
  );
}

/** Progress on stderr: one updating line on a terminal, a line a week of data otherwise. */
function progressReporter(size: CliArgs['size']): (progress: ScenarioProgress) => void {
  if (size === 'demo') return () => undefined;
  const terminal = process.stderr.isTTY === true;
  return (progress) => {
    const label =
      progress.phase === 'day' ? `day ${progress.day} of ${progress.days}` : progress.phase;
    if (terminal) process.stderr.write(`\r  ${label.padEnd(20)}`);
    else if (progress.phase !== 'day' || progress.day % 7 === 0) console.error(`  ${label}`);
  };
}

async function main(args: CliArgs): Promise<void> {
  const summary = await writeScenario({
    size: args.size,
    seed: args.seed,
    outDir: resolve(args.out),
    overrides: args.overrides,
    onProgress: progressReporter(args.size),
  });
  if (process.stderr.isTTY === true && args.size !== 'demo') process.stderr.write('\n');
  printSummary(summary);
}

let args: CliArgs;
try {
  args = parseCliArgs(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(2);
}
main(args).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof RangeError ? 2 : 1;
});
