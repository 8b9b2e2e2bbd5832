/**
 * A planted world written as AMLSim's converter writes a simulation's output, rather than as its
 * published samples are: `accounts.csv` (acct_id, ..., is_sar), `transactions.csv`
 * (tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id) with one
 * simulation step a day from 2017-01-01, and `alert_transactions.csv` (alert_id,alert_type,
 * is_sar,tran_id,...) naming each pattern's typology. The ground truth is in the files themselves,
 * as in AMLSim's output; no patterns.json. Pure but for `writeAmlsimOutput`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatAmount } from '../output/events';
import type { PlantedWorld } from './plantCycles';

export const OUTPUT_ACCOUNT_COLUMNS = ['acct_id', 'dsply_nm', 'type', 'initial_deposit', 'is_sar'];
/** What the converter writes of each payment, in both the transactions and the alerts. */
const PAYMENT_COLUMNS = [
  'tran_id',
  'orig_acct',
  'bene_acct',
  'tx_type',
  'base_amt',
  'tran_timestamp',
];
export const OUTPUT_TRANSACTION_COLUMNS = [...PAYMENT_COLUMNS, 'is_sar', 'alert_id'];
export const OUTPUT_ALERT_COLUMNS = ['alert_id', 'alert_type', 'is_sar', ...PAYMENT_COLUMNS];

/** The converter's first day; one step a day from it. */
const BASE_DAY = Date.UTC(2017, 0, 1);
const DAY_MS = 86_400_000;

export interface AmlsimOutputFiles {
  accounts: string;
  transactions: string;
  alertTransactions: string;
}

const flag = (value: boolean) => (value ? 'True' : 'False');

/** The three files' texts; a payment between two accounts of one pattern is that pattern's. */
export function amlsimOutput(world: PlantedWorld): AmlsimOutputFiles {
  const patternOf = new Map<string, number>();
  world.patterns.patterns.forEach((pattern, index) => {
    for (const account of pattern.accounts) patternOf.set(account, index);
  });
  const accounts = world.accounts.map(
    (a) => `${a.id},C_${a.id},I,${a.initBalance},${flag(a.isFraud)}\n`,
  );
  const transactions: string[] = [];
  const alerts: string[] = [];
  world.transfers.forEach((t, index) => {
    const from = patternOf.get(t.from);
    const alert = from !== undefined && from === patternOf.get(t.to) ? from : -1;
    const time = new Date(BASE_DAY + t.step * DAY_MS).toISOString().replace('.000Z', 'Z');
    const payment = `${index},${t.from},${t.to},TRANSFER,${formatAmount(t.cents)},${time}`;
    transactions.push(`${payment},${flag(alert >= 0)},${alert}\n`);
    if (alert >= 0) {
      const typology = world.patterns.patterns[alert]!.typology;
      alerts.push(`${alert},${typology},True,${payment}\n`);
    }
  });
  const file = (columns: string[], rows: string[]) => [`${columns.join(',')}\n`, ...rows].join('');
  return {
    accounts: file(OUTPUT_ACCOUNT_COLUMNS, accounts),
    transactions: file(OUTPUT_TRANSACTION_COLUMNS, transactions),
    alertTransactions: file(OUTPUT_ALERT_COLUMNS, alerts),
  };
}

export async function writeAmlsimOutput(world: PlantedWorld, outDir: string): Promise<void> {
  const files = amlsimOutput(world);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'accounts.csv'), files.accounts);
  await writeFile(join(outDir, 'transactions.csv'), files.transactions);
  await writeFile(join(outDir, 'alert_transactions.csv'), files.alertTransactions);
}
