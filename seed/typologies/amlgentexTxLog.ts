/**
 * A planted world written as AMLGentex (AI Sweden's AMLSim) logs its simulation: `tx_log.csv`
 * alone (step,type,amount,nameOrig,nameDest,bankOrig,bankDest,daysInBankOrig,phoneChangesOrig,
 * oldbalanceOrig,newbalanceOrig,daysInBankDest,phoneChangesDest,oldbalanceDest,newbalanceDest,
 * isSAR,patternID,modelType). Besides the world's payments it logs what that simulator logs for
 * every account: its opening balance at step 0 (type `INITALBALANCE`, as spelt there) and a
 * monthly income, both paid by the source `-2`, and a monthly expense paid to the sink `-1`. A
 * payment between two accounts of one pattern has `isSAR` 1, the pattern's index as `patternID`
 * and its typology's number as `modelType` (1 fan-out ... 8 gather-scatter); any other row 0, -1
 * and 0. Each account banks at one of three banks. Pure but for `writeAmlgentexTxLog`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatAmount } from '../output/events';
import type { Typology } from './options';
import type { PlantedWorld } from './plantCycles';

export const AMLGENTEX_TX_LOG_HEADER =
  'step,type,amount,nameOrig,nameDest,bankOrig,bankDest,daysInBankOrig,phoneChangesOrig,' +
  'oldbalanceOrig,newbalanceOrig,daysInBankDest,phoneChangesDest,oldbalanceDest,' +
  'newbalanceDest,isSAR,patternID,modelType';

/** AMLGentex's numbers of its suspicious typologies (its `modelType` column). */
export const AMLGENTEX_MODEL_TYPES: Readonly<Record<Typology, number>> = {
  fan_out: 1,
  fan_in: 2,
  cycle: 3,
  bipartite: 4,
  stack: 5,
  random: 6,
  scatter_gather: 7,
  gather_scatter: 8,
};

/** Where money comes from and goes to outside the bank, as AMLGentex writes them. */
const SOURCE = '-2';
const SINK = '-1';
/** AMLGentex's month: income on day 25 of 28, the expense two days later. */
const MONTH = 28;
const INCOME_DAY = 25;
const EXPENSE_DAY = 27;

interface Row {
  step: number;
  type: string;
  cents: number;
  from: string;
  to: string;
  pattern: number;
  modelType: number;
}

/** A number from an account's id, the same on every run: its bank and its monthly income. */
function idHash(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

const bankOf = (id: string) =>
  id === SOURCE ? 'source' : id === SINK ? 'sink' : `bank_${idHash(id) % 3}`;

/** A balance in minor units as written, `-12.50` when overdrawn. */
const signed = (minor: number) => (minor < 0 ? '-' : '') + formatAmount(Math.abs(minor));

/** The log's text: opening balances, the world's payments, incomes and expenses, by step. */
export function amlgentexTxLog(world: PlantedWorld): string {
  const patternOf = new Map<string, number>();
  world.patterns.patterns.forEach((pattern, index) => {
    for (const account of pattern.accounts) patternOf.set(account, index);
  });
  const rows: Row[] = world.accounts.map((account) => ({
    step: 0,
    type: 'INITALBALANCE',
    cents: Math.round(Number(account.initBalance) * 100) || 0,
    from: SOURCE,
    to: account.id,
    pattern: -1,
    modelType: 0,
  }));
  for (const t of world.transfers) {
    const from = patternOf.get(t.from);
    const pattern = from !== undefined && from === patternOf.get(t.to) ? from : -1;
    const typology = pattern >= 0 ? world.patterns.patterns[pattern]!.typology : null;
    rows.push({
      step: t.step,
      type: 'TRANSFER',
      cents: t.cents,
      from: t.from,
      to: t.to,
      pattern,
      modelType: typology ? AMLGENTEX_MODEL_TYPES[typology] : 0,
    });
  }
  const lastStep = world.transfers.reduce((max, t) => Math.max(max, t.step), 0);
  for (let month = 0; month * MONTH + INCOME_DAY <= lastStep; month += 1) {
    for (const account of world.accounts) {
      const income = 200_000 + (idHash(account.id) % 300_000);
      const generic = { pattern: -1, modelType: 0, type: 'TRANSFER' };
      rows.push({
        ...generic,
        step: month * MONTH + INCOME_DAY,
        cents: income,
        from: SOURCE,
        to: account.id,
      });
      rows.push({
        ...generic,
        step: month * MONTH + EXPENSE_DAY,
        cents: Math.round(income / 2),
        from: account.id,
        to: SINK,
      });
    }
  }
  const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.step - rows[b]!.step || a - b);
  const balance = new Map<string, number>();
  const outside = (id: string) => id === SOURCE || id === SINK;
  const lines = order.map((i) => {
    const row = rows[i]!;
    // Per side: days in its bank, phone changes, balance before and after (0 outside the bank).
    const side = (id: string, change: number) => {
      if (outside(id)) return [0, 0, '0.00', '0.00'];
      const before = balance.get(id) ?? 0;
      balance.set(id, before + change);
      return [row.step, 0, signed(before), signed(before + change)];
    };
    return [
      row.step,
      row.type,
      formatAmount(row.cents),
      row.from,
      row.to,
      bankOf(row.from),
      bankOf(row.to),
      ...side(row.from, -row.cents),
      ...side(row.to, row.cents),
      row.pattern >= 0 ? 1 : 0,
      row.pattern,
      row.modelType,
    ].join(',');
  });
  return [AMLGENTEX_TX_LOG_HEADER, ...lines].join('\n') + '\n';
}

export async function writeAmlgentexTxLog(world: PlantedWorld, outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'tx_log.csv'), amlgentexTxLog(world));
}
