/**
 * AMLSim samples bench:detection was not written for: any folder holding AMLSim's files, in the
 * format of its published samples (`nodes.csv` nodeid,isFraud,...; `transactions.csv`
 * sourceNodeId,targetNodeId,value,time) or as its converter writes a simulation's output
 * (accounts with `acct_id`, transactions with `tran_id,orig_acct,bene_acct,...,is_sar,alert_id`,
 * and optionally the alerts with `alert_id,alert_type`), or as its earlier releases wrote it
 * (`accounts.csv` with `ACCOUNT_ID,...,isFraud`, `tx.csv` with `TXN_ID,ACCOUNT_ID,
 * COUNTER_PARTY_ACCOUNT_NUM,...`, `alerts.csv` with `ALERT_KEY,...,CHECK_NAME`), or its
 * simulator's transaction log alone (`step,type,amount,nameOrig,...,nameDest,...,isSAR,alertID`),
 * or IBM's AMLworld data built on AMLSim's
 * typologies (`Timestamp,From Bank,Account,To Bank,Account,...,Is Laundering`, optionally its
 * accounts and its `Patterns.txt`). Files are told apart by their header row, not their name.
 * Pure but for `findAmlsimSample`, `sampleFolders` and `ibmTruth`, which read files.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { AMLGENTEX_MODEL_TYPES } from '../../../seed/typologies/amlgentexTxLog';
import { applyMapping, shippedMapping } from '../../../server/ingest/mapping';
import { bankAccountId } from '../../../server/ingest/normalize';
import { uniqueHeader } from '../../../server/ingest/reader';
import { amlsimAccount, type BenchTruth } from './truth';
import type { TrueRing } from './metrics';

export type AmlsimFormat = 'samples' | 'output' | 'legacy' | 'txlog' | 'ibm';

/** The files of one AMLSim sample, as paths. */
export interface AmlsimSampleFiles {
  format: AmlsimFormat;
  /**
   * Null for a transaction log (its accounts come with its transfers), and for IBM's data or
   * AMLSim's earlier output without its accounts file.
   */
  accounts: string | null;
  transactions: string;
  /**
   * Each pattern with its typology, where the folder has them: AMLSim's alerts
   * (`alert_id,alert_type,...`) or IBM's `Patterns.txt`.
   */
  alerts: string | null;
}

const splitHeader = (line: string) =>
  line
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((column) => column.trim().replace(/^"|"$/g, '').toLowerCase());

/** What kind of AMLSim file a header row names, or null. */
export function headerKind(
  header: string,
):
  | 'nodes'
  | 'edges'
  | 'accounts'
  | 'transactions'
  | 'alerts'
  | 'legacy-accounts'
  | 'legacy-transactions'
  | 'legacy-alerts'
  | 'txlog'
  | 'ibm-transactions'
  | 'ibm-accounts'
  | null {
  const columns = new Set(splitHeader(header));
  if (columns.has('from bank') && columns.has('to bank') && columns.has('amount paid')) {
    return 'ibm-transactions';
  }
  if (columns.has('bank id') && columns.has('account number')) return 'ibm-accounts';
  if (columns.has('nodeid') && columns.has('isfraud')) return 'nodes';
  if (columns.has('nameorig') && columns.has('namedest') && columns.has('step')) return 'txlog';
  if (columns.has('sourcenodeid') && columns.has('targetnodeid')) return 'edges';
  if (columns.has('alert_id') && columns.has('alert_type')) return 'alerts';
  if (columns.has('orig_acct') && columns.has('bene_acct') && columns.has('base_amt')) {
    return 'transactions';
  }
  if (columns.has('acct_id')) return 'accounts';
  if (columns.has('account_id') && columns.has('counter_party_account_num')) {
    return 'legacy-transactions';
  }
  if (columns.has('alert_key') && columns.has('account_id')) return 'legacy-alerts';
  if (columns.has('account_id') && columns.has('isfraud')) return 'legacy-accounts';
  return null;
}

/** The first line of a file that is not blank (within its first 4 KB). */
function firstLine(file: string): string {
  const buffer = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  try {
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const lines = buffer.subarray(0, length).toString('utf8').split(/\r?\n/);
    return lines.find((line) => line.trim() !== '') ?? '';
  } finally {
    closeSync(fd);
  }
}

const IBM_PATTERN_START = 'BEGIN LAUNDERING ATTEMPT';

/**
 * IBM's data in `dir`: its smallest transactions file (a folder may hold the small, medium and
 * large sets, `HI-Small_Trans.csv` ...), with the accounts and patterns files of the same prefix
 * (`HI-Small_accounts.csv`, `HI-Small_Patterns.txt`), or else the folder's only ones.
 */
function ibmSample(dir: string, files: string[], kindOf: Map<string, string>): AmlsimSampleFiles {
  const size = (name: string) => statSync(path.join(dir, name)).size;
  const of = (kind: string) => files.filter((name) => kindOf.get(name) === kind);
  const transactions = of('ibm-transactions').sort((a, b) => size(a) - size(b))[0]!;
  const prefix = transactions.replace(/_?trans\.csv$/i, '').toLowerCase();
  const patterns = readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.txt'))
    .filter((name) => firstLine(path.join(dir, name)).startsWith(IBM_PATTERN_START))
    .sort();
  const matching = (names: string[]) =>
    names.find((name) => name.toLowerCase().startsWith(prefix)) ??
    (names.length === 1 ? names[0]! : null);
  const accounts = matching(of('ibm-accounts'));
  const alerts = matching(patterns);
  return {
    format: 'ibm',
    accounts: accounts && path.join(dir, accounts),
    transactions: path.join(dir, transactions),
    alerts: alerts && path.join(dir, alerts),
  };
}

/** The AMLSim sample in `dir` (its CSV files sorted by name), or null where there is none. */
export function findAmlsimSample(dir: string): AmlsimSampleFiles | null {
  const kinds = new Map<string, string>();
  const kindOf = new Map<string, string>();
  const files = readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort();
  for (const name of files) {
    const kind = headerKind(firstLine(path.join(dir, name)));
    if (kind) kindOf.set(name, kind);
    if (kind && !kinds.has(kind)) kinds.set(kind, path.join(dir, name));
  }
  if (kinds.has('ibm-transactions')) return ibmSample(dir, files, kindOf);
  const nodes = kinds.get('nodes');
  const edges = kinds.get('edges');
  if (nodes && edges)
    return { format: 'samples', accounts: nodes, transactions: edges, alerts: null };
  const accounts = kinds.get('accounts');
  const transactions = kinds.get('transactions');
  if (accounts && transactions) {
    return { format: 'output', accounts, transactions, alerts: kinds.get('alerts') ?? null };
  }
  const txlog = kinds.get('txlog');
  if (txlog) return { format: 'txlog', accounts: null, transactions: txlog, alerts: null };
  const legacyTransactions = kinds.get('legacy-transactions');
  const legacyAccounts = kinds.get('legacy-accounts');
  const legacyAlerts = kinds.get('legacy-alerts') ?? null;
  if (legacyTransactions && (legacyAccounts || legacyAlerts)) {
    return {
      format: 'legacy',
      accounts: legacyAccounts ?? null,
      transactions: legacyTransactions,
      alerts: legacyAlerts,
    };
  }
  return null;
}

/** Folders holding an AMLSim sample: `root`'s subfolders and theirs (a sample unpacked). */
export function sampleFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (findAmlsimSample(dir)) {
      found.push(dir);
      return;
    }
    if (depth === 0) return;
    for (const name of readdirSync(dir).sort()) {
      const child = path.join(dir, name);
      if (statSync(child).isDirectory()) visit(child, depth - 1);
    }
  };
  for (const name of readdirSync(root).sort()) {
    const child = path.join(root, name);
    if (statSync(child).isDirectory()) visit(child, 1);
  }
  return found;
}

/** A stable folder-safe label for a sample: its folder's name and a hash of its files. */
export function sampleLabel(files: AmlsimSampleFiles): string {
  const hash = createHash('sha256');
  for (const file of [files.accounts, files.transactions, files.alerts]) {
    if (!file) continue;
    hash.update(`${path.resolve(file)}:${statSync(file).size}:${statSync(file).mtimeMs}\n`);
  }
  const folder = path.basename(path.dirname(files.transactions)).replace(/[^A-Za-z0-9_-]/g, '_');
  return `amlsim-sample-${folder}-${hash.digest('hex').slice(0, 8)}`;
}

type Row = Record<string, string>;

const readRows = (text: string): Row[] =>
  parse<Row>(text.replace(/^\uFEFF/, ''), {
    columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });

const truthy = (value: string | undefined) => /^(1|true|t|yes|y)$/i.test(value ?? '');

/** AMLSim's typology names (`fan_in`, `fanin`, `Fan-In` ...) as bench:detection names them. */
export function typologyName(alertType: string | undefined): string {
  const plain = (alertType ?? '').toLowerCase().replace(/[^a-z]/g, '');
  const known: Record<string, string> = {
    fanin: 'fan_in',
    fanout: 'fan_out',
    cycle: 'cycle',
    bipartite: 'bipartite',
    stack: 'stack',
    random: 'random',
    scattergather: 'scatter_gather',
    gatherscatter: 'gather_scatter',
  };
  return known[plain] ?? (plain || 'unknown');
}

/**
 * The organiser of a pattern's payments, as the planted worlds name it: the account party to
 * every payment of a fan or a gather-scatter (its main account, its hub), the one account of a
 * scatter-gather that only pays; null for the shapes without one or where the payments name none.
 */
export function patternLeader(typology: string, payments: [string, string][]): string | null {
  const accounts = [...new Set(payments.flat())];
  if (['fan_in', 'fan_out', 'gather_scatter'].includes(typology)) {
    const everywhere = accounts.filter((a) =>
      payments.every(([from, to]) => from === a || to === a),
    );
    return everywhere.length === 1 ? everywhere[0]! : null;
  }
  if (typology === 'scatter_gather') {
    const receivers = new Set(payments.map(([, to]) => to));
    const sources = accounts.filter((a) => !receivers.has(a));
    return sources.length === 1 ? sources[0]! : null;
  }
  return null;
}

/**
 * The truth of a sample in the published samples' format: the flagged accounts; no rings, as the
 * files name no patterns.
 */
export function samplesTruth(nodesCsv: string): BenchTruth {
  const positives = readRows(nodesCsv)
    .filter((row) => truthy(row.isfraud))
    .map((row) => amlsimAccount(row.nodeid!));
  return { rings: null, roleClasses: [], positives };
}

/**
 * The truth of a simulation's output: each suspicious alert (`is_sar`, `alert_id` not -1) is a
 * ring of the accounts its payments join, with its typology from the alerts file (`unknown`
 * without one) and its leader by `patternLeader`; the positives are the accounts flagged
 * `is_sar` (or, where the accounts name no flag, the rings' accounts). Alerts that are not
 * suspicious (AMLSim's false alerts: ordinary accounts paying in a laundering shape) are no ring.
 */
export function outputTruth(
  accountsCsv: string,
  transactionsCsv: string,
  alertsCsv: string | null,
): BenchTruth {
  const typologyOf = new Map<string, string>();
  for (const row of alertsCsv ? readRows(alertsCsv) : []) {
    if (row.alert_id && !typologyOf.has(row.alert_id)) {
      typologyOf.set(row.alert_id, typologyName(row.alert_type));
    }
  }
  const paymentsOf = new Map<string, [string, string][]>();
  for (const row of readRows(transactionsCsv)) {
    const alert = row.alert_id ?? '';
    if (alert === '' || alert === '-1' || !truthy(row.is_sar ?? row.is_fraud)) continue;
    const payments = paymentsOf.get(alert) ?? [];
    payments.push([row.orig_acct!, row.bene_acct!]);
    paymentsOf.set(alert, payments);
  }
  const rings = alertRings(paymentsOf, typologyOf);
  const accounts = readRows(accountsCsv);
  const flagColumn = ['is_sar', 'is_fraud'].find((column) => accounts[0]?.[column] !== undefined);
  const positives = flagColumn
    ? accounts.filter((row) => truthy(row[flagColumn])).map((row) => amlsimAccount(row.acct_id!))
    : [...new Set(rings.flatMap((ring) => ring.entities))];
  return { rings, roleClasses: [], positives };
}

/**
 * The truth of AMLSim's earlier output: the accounts flagged `isFraud` (`true`), or, where there
 * is no accounts file, the accounts its alerts name. No rings: an alert row names one account and
 * its typology (`CHECK_NAME`), not the pattern's other members.
 */
export function legacyTruth(accountsCsv: string | null, alertsCsv: string | null): BenchTruth {
  const positives = accountsCsv
    ? readRows(accountsCsv)
        .filter((row) => truthy(row.isfraud))
        .map((row) => amlsimAccount(row.account_id!))
    : [...new Set(readRows(alertsCsv ?? '').map((row) => amlsimAccount(row.account_id!)))];
  return { rings: null, roleClasses: [], positives };
}

/** AMLGentex's suspicious typologies by the number in its `modelType` column. */
const AMLGENTEX_TYPOLOGY = new Map(
  Object.entries(AMLGENTEX_MODEL_TYPES).map(([typology, number]) => [String(number), typology]),
);

/**
 * The truth of AMLSim's transaction log: each suspicious alert (`isSAR`, `alertID` not -1) is a
 * ring of the accounts its payments join, of unknown typology (the log does not name it) and
 * with no leader; the positives are the accounts party to a suspicious payment. AMLGentex's logs
 * name the alert `patternID` and its typology by number (`modelType`), which gives rings their
 * typology and leader; their source and sink (-2, -1) are no accounts. PaySim's logs (`isFraud`,
 * no alert ids) give the positives alone.
 */
export function txlogTruth(logCsv: string): BenchTruth {
  const paymentsOf = new Map<string, [string, string][]>();
  const typologyOf = new Map<string, string>();
  const positives = new Set<string>();
  for (const row of readRows(logCsv)) {
    if (!truthy(row.issar ?? row.isfraud)) continue;
    const parties = [row.nameorig!, row.namedest!];
    if (parties.some((id) => id.trim().startsWith('-'))) continue;
    for (const id of parties) positives.add(amlsimAccount(id));
    const alert = row.alertid ?? row.patternid ?? '';
    if (alert === '' || alert === '-1') continue;
    const payments = paymentsOf.get(alert) ?? [];
    payments.push([row.nameorig!, row.namedest!]);
    paymentsOf.set(alert, payments);
    const typology = AMLGENTEX_TYPOLOGY.get(row.modeltype ?? '');
    if (typology) typologyOf.set(alert, typology);
  }
  const rings = alertRings(paymentsOf, typologyOf);
  return { rings: rings.length > 0 ? rings : null, roleClasses: [], positives: [...positives] };
}

/**
 * Each alert's payments (payer, payee ids) as a true ring of its accounts, with its typology
 * (`unknown` where `typologyOf` has none) and its leader by `patternLeader`.
 */
function alertRings(
  paymentsOf: ReadonlyMap<string, [string, string][]>,
  typologyOf: ReadonlyMap<string, string>,
): TrueRing[] {
  return [...paymentsOf].map(([alert, payments]) => {
    const typology = typologyOf.get(alert) ?? 'unknown';
    const leader = patternLeader(typology, payments);
    return {
      id: `alert ${alert}`,
      typology,
      entities: [...new Set(payments.flat())].map(amlsimAccount),
      leaders: leader === null ? [] : [amlsimAccount(leader)],
    };
  });
}

/** IBM's transactions as the shipped mapping loads them: the truth names accounts by its ids. */
const IBM_TRANSFERS = shippedMapping('ibm-aml-transactions');

/** The payer's and payee's accounts of a row of IBM's transactions, as the mapping loads them. */
function ibmPayment(row: Readonly<Record<string, string>>): [string, string] {
  const mapped = applyMapping(IBM_TRANSFERS, row, 0);
  const account = (bank: string | undefined, number: string | undefined) =>
    `BankAccount:${bankAccountId(bank ?? '', number ?? '').id}`;
  return [
    account(mapped.from_bank, mapped.from_account),
    account(mapped.to_bank, mapped.to_account),
  ];
}

/** An account of IBM's data (its bank id as written, its number) as the shipped mapping loads it. */
export function ibmAccount(bank: string, account: string): string {
  return ibmPayment({
    'From Bank': bank,
    Account: account,
    'To Bank': bank,
    'Account.1': account,
  })[0];
}

/** Calls `onLine` with each line of a file, read in pieces (IBM's files run to gigabytes). */
function eachLine(file: string, onLine: (line: string) => void): void {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const lines = (rest + buffer.subarray(0, read).toString('utf8')).split(/\r?\n/);
      rest = lines.pop() ?? '';
      lines.forEach(onLine);
    }
    if (rest) onLine(rest);
  } finally {
    closeSync(fd);
  }
}

/**
 * The truth of IBM's data: the accounts party to a payment flagged `Is Laundering` are the
 * positives; each laundering attempt of the patterns file (where there is one) is a ring of the
 * accounts its payments join, its typology from the attempt's title (`FAN-IN:  Max 4-degree
 * Fan-In` is a fan-in) and its leader by `patternLeader`.
 */
export function ibmTruth(transactionsCsv: string, patternsTxt: string | null): BenchTruth {
  let header: string[] | undefined;
  /** A row of the transactions' (or the patterns') lines, or null for one of other fields. */
  const rowOf = (line: string): Record<string, string> | null => {
    const fields = line.split(',');
    if (!header || fields.length !== header.length) return null;
    return Object.fromEntries(header.map((column, k) => [column, fields[k]!]));
  };
  const positives = new Set<string>();
  eachLine(transactionsCsv, (line) => {
    if (!header) {
      header = uniqueHeader(
        line
          .replace(/^\uFEFF/, '')
          .split(',')
          .map((column) => column.trim()),
      );
      return;
    }
    if (!/,\s*1\s*$/.test(line)) return; // not flagged `Is Laundering`, the last column
    const row = rowOf(line);
    if (row) for (const account of ibmPayment(row)) positives.add(account);
  });
  if (!patternsTxt) return { rings: null, roleClasses: [], positives: [...positives] };
  const rings: TrueRing[] = [];
  let open: { typology: string; payments: [string, string][] } | null = null;
  for (const line of readFileSync(patternsTxt, 'utf8').split(/\r?\n/)) {
    if (line.trimStart().startsWith(IBM_PATTERN_START)) {
      const title = line.slice(IBM_PATTERN_START.length).replace(/^\s*-\s*/, '');
      open = { typology: typologyName(title.split(':')[0]), payments: [] };
    } else if (line.startsWith('END LAUNDERING ATTEMPT') && open) {
      const leader = patternLeader(open.typology, open.payments);
      rings.push({
        id: `attempt ${rings.length + 1}`,
        typology: open.typology,
        entities: [...new Set(open.payments.flat())],
        leaders: leader === null ? [] : [leader],
      });
      open = null;
    } else if (open) {
      const row = rowOf(line);
      if (row) open.payments.push(ibmPayment(row));
    }
  }
  return { rings, roleClasses: [], positives: [...positives] };
}
