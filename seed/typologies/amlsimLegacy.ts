/**
 * A planted world written as AMLSim's earlier releases wrote a simulation's output (its
 * `sample/outputs`): `accounts.csv` (ACCOUNT_ID,PRIMARY_CUSTOMER_ID,init_balance,start,end,
 * country,business,suspicious,isFraud,modelID, flags written `true`/`false`), `tx.csv`
 * (TXN_ID,ACCOUNT_ID,COUNTER_PARTY_ACCOUNT_NUM,TXN_SOURCE_TYPE_CODE,tx_count,TXN_AMOUNT_ORIG,
 * start,end: steps, amounts as Python prints a float, `131.0`), and `alerts.csv`
 * (ALERT_KEY,ALERT_TEXT,ACCOUNT_ID,CUSTOMER_ID,EVENT_DATE,CHECK_NAME,Organization_Type,
 * Escalated_To_Case_Investigation: one row per account of a pattern, its typology as CHECK_NAME,
 * the day of the pattern's last payment as `yyyymmdd`, one step a day from 2017-01-01). Pure but
 * for `writeAmlsimLegacy`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlantedWorld } from './plantCycles';

export const LEGACY_ACCOUNT_HEADER =
  'ACCOUNT_ID,PRIMARY_CUSTOMER_ID,init_balance,start,end,country,business,suspicious,isFraud,modelID';
export const LEGACY_TRANSACTION_HEADER =
  'TXN_ID,ACCOUNT_ID,COUNTER_PARTY_ACCOUNT_NUM,TXN_SOURCE_TYPE_CODE,tx_count,TXN_AMOUNT_ORIG,start,end';
export const LEGACY_ALERT_HEADER =
  'ALERT_KEY,ALERT_TEXT,ACCOUNT_ID,CUSTOMER_ID,EVENT_DATE,CHECK_NAME,Organization_Type,' +
  'Escalated_To_Case_Investigation';

const FIRST_DAY = Date.UTC(2017, 0, 1);
const DAY_MS = 86_400_000;

export interface AmlsimLegacyFiles {
  accounts: string;
  transactions: string;
  alerts: string;
}

/** An amount as Python prints a float of it: `131.0`, `125.05`. */
export function pythonAmount(cents: number): string {
  const text = String(cents / 100);
  return text.includes('.') ? text : `${text}.0`;
}

/** `20170218` for the day of `step`. */
const eventDate = (step: number) =>
  new Date(FIRST_DAY + step * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');

/** The three files' texts. */
export function amlsimLegacy(world: PlantedWorld): AmlsimLegacyFiles {
  const lastStep = world.transfers.reduce((last, t) => Math.max(last, t.step), 0);
  const accounts = world.accounts.map(
    (a) =>
      `${a.id},C_${a.id},${a.initBalance},1,${lastStep},US,I,False,${a.isFraud ? 'true' : 'false'},0\n`,
  );
  const transactions = world.transfers.map(
    (t, index) =>
      `${index},${t.from},${t.to},WIRE,1,${pythonAmount(t.cents)},${t.step},${t.step}\n`,
  );
  const alerts: string[] = [];
  world.patterns.patterns.forEach((pattern, index) => {
    const day = eventDate(pattern.lastStep);
    for (const account of pattern.accounts) {
      alerts.push(
        `${alerts.length},${index},${account},C_${account},${day},${pattern.typology},` +
          `INDIVIDUAL,YES\n`,
      );
    }
  });
  const file = (header: string, rows: string[]) => [`${header}\n`, ...rows].join('');
  return {
    accounts: file(LEGACY_ACCOUNT_HEADER, accounts),
    transactions: file(LEGACY_TRANSACTION_HEADER, transactions),
    alerts: file(LEGACY_ALERT_HEADER, alerts),
  };
}

export async function writeAmlsimLegacy(world: PlantedWorld, outDir: string): Promise<void> {
  const files = amlsimLegacy(world);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'accounts.csv'), files.accounts);
  await writeFile(join(outDir, 'tx.csv'), files.transactions);
  await writeFile(join(outDir, 'alerts.csv'), files.alerts);
}
