/**
 * A planted world written in the layout of IBM's synthetic anti-money-laundering data (AMLworld):
 * `Trans.csv` (Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,
 * Amount Paid,Payment Currency,Payment Format,Is Laundering) with one simulation step an hour from
 * 2022/09/01 00:00, `accounts.csv` (Bank Name,Bank ID,Account Number,Entity ID,Entity Name), and
 * `Patterns.txt`, each pattern's payments between `BEGIN LAUNDERING ATTEMPT - <TYPOLOGY>` and
 * `END LAUNDERING ATTEMPT`. Each account is in one of 20 banks, written with leading zeros in the
 * transactions (`007`) and without in the accounts (`7`), as a partner's files may differ. The
 * truth is in the files themselves. Pure but for `writeIbmOutput`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatAmount } from '../output/events';
import type { Typology } from './options';
import type { PlantedWorld } from './plantCycles';

export const IBM_TRANSACTION_HEADER =
  'Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,' +
  'Amount Paid,Payment Currency,Payment Format,Is Laundering';
export const IBM_ACCOUNT_HEADER = 'Bank Name,Bank ID,Account Number,Entity ID,Entity Name';

/** The typologies as IBM's patterns file names them, with the detail it adds to some. */
const IBM_TYPOLOGY: Record<Typology, (accounts: number) => string> = {
  fan_in: (n) => `FAN-IN:  Max ${n - 1}-degree Fan-In`,
  fan_out: (n) => `FAN-OUT:  Max ${n - 1}-degree Fan-Out`,
  cycle: (n) => `CYCLE:  Max ${n} hops`,
  scatter_gather: () => 'SCATTER-GATHER',
  gather_scatter: () => 'GATHER-SCATTER',
  bipartite: () => 'BIPARTITE',
  stack: () => 'STACK',
  random: (n) => `RANDOM:  Max ${n} hops`,
};

const BANKS = 20;
const FIRST_HOUR = Date.UTC(2022, 8, 1);
const HOUR_MS = 3_600_000;

/** The bank an account is in: 1 to 20, from its id. */
function bankOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return 1 + (hash % BANKS);
}

/** `2022/09/01 05:00` for step 5. */
function timestamp(step: number): string {
  const iso = new Date(FIRST_HOUR + step * HOUR_MS).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)} ${iso.slice(11, 16)}`;
}

export interface IbmOutputFiles {
  transactions: string;
  accounts: string;
  patterns: string;
}

/** The three files' texts; a payment between two accounts of one pattern is that pattern's. */
export function ibmOutput(world: PlantedWorld): IbmOutputFiles {
  const patternOf = new Map<string, number>();
  world.patterns.patterns.forEach((pattern, index) => {
    for (const account of pattern.accounts) patternOf.set(account, index);
  });
  const rowsOf = world.patterns.patterns.map((): string[] => []);
  const transactions = world.transfers.map((t) => {
    const from = patternOf.get(t.from);
    const pattern = from !== undefined && from === patternOf.get(t.to) ? from : -1;
    const amount = `${formatAmount(t.cents)},US Dollar`;
    const banks = [bankOf(t.from), bankOf(t.to)].map((bank) => String(bank).padStart(3, '0'));
    const row =
      `${timestamp(t.step)},${banks[0]},${t.from},${banks[1]},${t.to},${amount},${amount},` +
      `ACH,${pattern >= 0 ? 1 : 0}\n`;
    if (pattern >= 0) rowsOf[pattern]!.push(row);
    return row;
  });
  const accounts = world.accounts.map(
    (a) => `Bank #${bankOf(a.id)},${bankOf(a.id)},${a.id},E${a.id},Entity #${a.id}\n`,
  );
  const patterns = world.patterns.patterns.map((pattern, index) => {
    const name = IBM_TYPOLOGY[pattern.typology](pattern.accounts.length);
    return (
      `BEGIN LAUNDERING ATTEMPT - ${name}\n${rowsOf[index]!.join('')}` +
      `END LAUNDERING ATTEMPT - ${name.split(':')[0]}\n\n`
    );
  });
  return {
    transactions: [`${IBM_TRANSACTION_HEADER}\n`, ...transactions].join(''),
    accounts: [`${IBM_ACCOUNT_HEADER}\n`, ...accounts].join(''),
    patterns: patterns.join(''),
  };
}

export async function writeIbmOutput(world: PlantedWorld, outDir: string): Promise<void> {
  const files = ibmOutput(world);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'Trans.csv'), files.transactions);
  await writeFile(join(outDir, 'accounts.csv'), files.accounts);
  await writeFile(join(outDir, 'Patterns.txt'), files.patterns);
}
