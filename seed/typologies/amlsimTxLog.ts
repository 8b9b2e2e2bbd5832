/**
 * A planted world written as AMLSim's simulator logs its transactions before its converter runs:
 * `tx_log.csv` alone (step,type,amount,nameOrig,oldbalanceOrig,newbalanceOrig,nameDest,
 * oldbalanceDest,newbalanceDest,isSAR,alertID), one row a payment in time order, the payer's and
 * payee's balances before and after it, `isSAR` 1 and the pattern's index as `alertID` for a
 * payment between two accounts of one pattern (else 0 and -1). No accounts file: the accounts are
 * the log's payers and payees. Pure but for `writeAmlsimTxLog`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatAmount } from '../output/events';
import type { PlantedWorld } from './plantCycles';

export const TX_LOG_HEADER =
  'step,type,amount,nameOrig,oldbalanceOrig,newbalanceOrig,nameDest,oldbalanceDest,' +
  'newbalanceDest,isSAR,alertID';

/** A balance in minor units as written, `-12.50` when overdrawn. */
const signed = (minor: number) => (minor < 0 ? '-' : '') + formatAmount(Math.abs(minor));

/** The log's text; balances start at each account's initial balance. */
export function amlsimTxLog(world: PlantedWorld): string {
  const patternOf = new Map<string, number>();
  world.patterns.patterns.forEach((pattern, index) => {
    for (const account of pattern.accounts) patternOf.set(account, index);
  });
  const balance = new Map(
    world.accounts.map((a) => [a.id, Math.round(Number(a.initBalance) * 100) || 0]),
  );
  const order = world.transfers
    .map((_, i) => i)
    .sort((a, b) => {
      return world.transfers[a]!.step - world.transfers[b]!.step || a - b;
    });
  const rows = order.map((i) => {
    const t = world.transfers[i]!;
    const from = patternOf.get(t.from);
    const alert = from !== undefined && from === patternOf.get(t.to) ? from : -1;
    const payer = balance.get(t.from) ?? 0;
    const payee = balance.get(t.to) ?? 0;
    balance.set(t.from, payer - t.cents);
    balance.set(t.to, payee + t.cents);
    const amounts = [payer, payer - t.cents].map(signed).join(',');
    const received = [payee, payee + t.cents].map(signed).join(',');
    return (
      `${t.step},TRANSFER,${formatAmount(t.cents)},${t.from},${amounts},${t.to},${received},` +
      `${alert >= 0 ? 1 : 0},${alert}\n`
    );
  });
  return [`${TX_LOG_HEADER}\n`, ...rows].join('');
}

export async function writeAmlsimTxLog(world: PlantedWorld, outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'tx_log.csv'), amlsimTxLog(world));
}
