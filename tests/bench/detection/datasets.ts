/**
 * The data sets of `bench:detection`: each generated once (cached under .ringtrace/bench/), loaded
 * once through Ringtrace's own ingestion into a dedicated Neo4j data folder under
 * .ringtrace/bench/detection-data/<label> (Bolt port 7699) and reused by later runs, then read
 * back as the analysis graph.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { writeScenario, type Truth, type VariantName } from '../../../seed/index';
import {
  PLANT_DEFAULTS,
  writePlantedCycles,
  writePlantedWorld,
  readSample,
  shuffledAmounts,
  plantTypologies,
  PLANT_TYPOLOGIES_DEFAULTS,
  writeTypologies,
  writeAmlsimOutput,
  writeAmlsimLegacy,
  writeAmlsimTxLog,
  writeAmlgentexTxLog,
  writeIbmOutput,
  type CycleSchedule,
  type PatternsFile,
  type Schedule,
} from '../../../seed/typologies/index';
import { writeCallRing, type CallRingMode, type CallRingTruth } from '../../../seed/callring/index';
import { PROJECT_ROOT, loadConfig } from '../../../server/config';
import { openDatabase } from '../../../server/db/database';
import type { Executor } from '../../../server/db/executor';
import type { FileKind } from '../../../server/ingest/kinds';
import { loadFile } from '../../../server/ingest/loader';
import { shippedMapping } from '../../../server/ingest/mapping';
import { loadScenario } from '../../../server/ingest/scenario';
import type { AnalysisGraph } from '../../../server/analysis/rings/index';
import { readAnalysisGraph } from '../../../server/services/analysisGraph';
import {
  ibmTruth,
  legacyTruth,
  outputTruth,
  sampleLabel,
  samplesTruth,
  txlogTruth,
  type AmlsimSampleFiles,
} from './amlsimSamples';
import { callRingTruth, scenarioTruth, typologiesTruth, type BenchTruth } from './truth';

export const BENCH_DIR = path.join(PROJECT_ROOT, '.ringtrace', 'bench');
const DATA_DIR = path.join(BENCH_DIR, 'detection-data');
const WORK_DIR = path.join(BENCH_DIR, 'detection-work');
export const AMLSIM_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'amlsim-20k-fanin200');

/** The parts of the bench, as `--only` names them. */
export const PARTS = ['scenarios', 'typologies', 'callring', 'amlsim'] as const;
export type Part = (typeof PARTS)[number];

export type Split = 'tune' | 'held-out';
export type ScenarioSize = 'demo' | 'small' | 'medium' | 'large';

export interface DataSet {
  part: Part;
  /** As printed, e.g. `scenario small telecom 3`. */
  name: string;
  /** Folder-safe: the cached files' and the Neo4j data's folder name. */
  label: string;
  split: Split;
  /** Call records (and reports) only: the telecom-only risk goal applies. */
  telecomOnly: boolean;
  /** Accounts and transfers in AMLSim's format: the AMLSim risk goal applies. */
  amlsimStyle: boolean;
  /** The files' folder, generated on first use. */
  prepare(): Promise<string>;
  /** Loads the folder through Ringtrace's ingestion. */
  load(executor: Executor, dir: string, workDir: string): Promise<void>;
  /** The ground truth of the folder. */
  truth(dir: string): BenchTruth;
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Node ids whose `isFraud` is 1 in an AMLSim nodes.csv (`nodeid,isFraud,...`). */
export function fraudIds(nodesCsv: string): string[] {
  const ids: string[] = [];
  for (const line of nodesCsv.split('\n').slice(1)) {
    const [id, isFraud] = line.split(',');
    if (id && isFraud?.trim() === '1') ids.push(id);
  }
  return ids;
}

/** The truth of a folder with AMLSim's files and a patterns.json (seed/typologies). */
function patternsFolderTruth(dir: string): BenchTruth {
  return typologiesTruth(
    readJson<PatternsFile>(path.join(dir, 'patterns.json')),
    fraudIds(readFileSync(path.join(dir, 'nodes.csv'), 'utf8')),
  );
}

/** A folder of AMLSim's files and a patterns.json, written by `generate` on first use. */
function patternsFolderSet(
  part: Part,
  name: string,
  label: string,
  split: Split,
  generate: (dir: string) => Promise<void>,
): DataSet {
  return {
    part,
    name,
    label,
    split,
    telecomOnly: false,
    amlsimStyle: true,
    async prepare() {
      const dir = path.join(BENCH_DIR, label);
      if (!existsSync(path.join(dir, 'patterns.json'))) await generate(dir);
      return dir;
    },
    load: loadAmlsimFiles,
    truth: patternsFolderTruth,
  };
}

/** Loads an AMLSim-format folder (nodes.csv, transactions.csv) with the shipped mappings. */
async function loadAmlsimFiles(executor: Executor, dir: string, workDir: string): Promise<void> {
  const files: AmlsimSampleFiles = {
    format: 'samples',
    accounts: path.join(dir, 'nodes.csv'),
    transactions: path.join(dir, 'transactions.csv'),
    alerts: null,
  };
  await loadSampleFiles(executor, files, workDir);
}

/** A main-generator scenario of one size, seed and variant. */
export function scenarioSet(
  size: ScenarioSize,
  seed: number,
  variant: VariantName,
  split: Split,
): DataSet {
  // The full variant shares its folder with the other benches' scenarios.
  const label = `scenario-${size}-${seed}${variant === 'full' ? '' : `-${variant}`}`;
  return {
    part: 'scenarios',
    name: `scenario ${size} ${variant} ${seed}`,
    label,
    split,
    telecomOnly: variant === 'telecom',
    amlsimStyle: false,
    async prepare() {
      const dir = path.join(BENCH_DIR, label);
      if (!existsSync(path.join(dir, 'truth.json'))) {
        console.log(`  generating the ${size} scenario (seed ${seed}, variant ${variant}) ...`);
        await writeScenario({ size, seed, outDir: dir, overrides: { variant } });
      }
      return dir;
    },
    async load(executor, dir, workDir) {
      await loadScenario(executor, dir, { workDir });
    },
    truth: (dir) => scenarioTruth(readJson<Truth>(path.join(dir, 'truth.json'))),
  };
}

/**
 * An AMLSim-style laundering world (seed/typologies) with all typologies, on the `burst` schedule
 * or `spread` as in AMLSim's published samples (or `unordered`), payments in pieces unless
 * `wholePayments`.
 */
export function typologiesSet(
  accounts: number,
  seed: number,
  split: Split,
  schedule: Schedule = 'burst',
  wholePayments = false,
): DataSet {
  const style = `${schedule === 'burst' ? '' : `${schedule} `}${wholePayments ? 'whole ' : ''}`;
  const label = `typologies-${style.replaceAll(' ', '-')}${accounts}-${seed}`;
  const name = `typologies ${style}${accounts / 1000}k ${seed}`;
  return patternsFolderSet('typologies', name, label, split, async (dir) => {
    console.log(
      `  generating the typologies world (${accounts} accounts, seed ${seed}, ${schedule}) ...`,
    );
    await writeTypologies({ seed, accounts, schedule, wholePayments, outDir: dir });
  });
}

/** A call-record world (seed/callring), loaded as one operator's records. */
export function callRingSet(
  mode: CallRingMode,
  numbers: number,
  seed: number,
  split: Split,
  sampleShare = 1,
): DataSet {
  const sampled = sampleShare < 1 ? `-sample${Math.round(sampleShare * 100)}` : '';
  const label = `callring-${mode}-${numbers}-${seed}${sampled}`;
  return {
    part: 'callring',
    name: `callring ${mode} ${numbers / 1000}k ${seed}${sampled ? `, ${Math.round(sampleShare * 100)}% of ordinary calls` : ''}`,
    label,
    split,
    telecomOnly: true,
    amlsimStyle: false,
    async prepare() {
      const dir = path.join(BENCH_DIR, label);
      if (!existsSync(path.join(dir, 'truth.json'))) {
        console.log(`  generating the call-record world (${mode}, seed ${seed}) ...`);
        await writeCallRing({ seed, mode, numbers, sampleShare, outDir: dir });
      }
      return dir;
    },
    async load(executor, dir, workDir) {
      const files: [FileKind, string, string][] = [
        ['telecom-cdr', 'telecom-cdr.csv', 'OPERATOR'],
        ['police-reports', 'police-reports.csv', 'POLICE'],
      ];
      for (const [kind, file, organisation] of files) {
        if (!existsSync(path.join(dir, file))) continue;
        await loadFile(executor, path.join(dir, file), { kind, organisation, workDir });
      }
    },
    truth: (dir) => callRingTruth(readJson<CallRingTruth>(path.join(dir, 'truth.json'))),
  };
}

/** How each format's files are named in the printed data set names. */
const FORMAT_NAMES = {
  samples: "AMLSim's samples",
  output: "AMLSim's output",
  legacy: "AMLSim's earlier output",
  txlog: "AMLSim's transaction log",
  ibm: "IBM's AMLworld",
} as const;

/**
 * The shipped mappings that load each format's accounts and transactions (a transaction log has
 * no accounts file).
 */
const FORMAT_MAPPINGS = {
  samples: ['amlsim-accounts', 'amlsim-transactions'],
  output: ['amlsim-output-accounts', 'amlsim-output-transactions'],
  legacy: ['amlsim-legacy-accounts', 'amlsim-legacy-transactions'],
  txlog: [null, 'amlsim-txlog-transactions'],
  ibm: ['ibm-aml-accounts', 'ibm-aml-transactions'],
} as const;

/** A sample's truth, read from its own files. */
function sampleTruth(files: AmlsimSampleFiles): BenchTruth {
  const text = (file: string) => readFileSync(file, 'utf8');
  if (files.format === 'ibm') return ibmTruth(files.transactions, files.alerts);
  if (files.format === 'txlog') return txlogTruth(text(files.transactions));
  if (files.format === 'legacy') {
    return legacyTruth(files.accounts && text(files.accounts), files.alerts && text(files.alerts));
  }
  if (files.format === 'output') {
    return outputTruth(
      text(files.accounts!),
      text(files.transactions),
      files.alerts ? text(files.alerts) : null,
    );
  }
  return samplesTruth(text(files.accounts!));
}

/**
 * An AMLSim sample found in a folder (`amlsimSamples.ts`): loaded with the shipped mappings of its
 * format, its truth read from its own files (rings only where they name the alerts or patterns).
 */
export function amlsimSampleSet(
  files: AmlsimSampleFiles,
  split: Split,
  label = sampleLabel(files),
): DataSet {
  const dir = path.dirname(files.transactions);
  return {
    part: 'amlsim',
    name: `AMLSim sample ${path.basename(dir)} (${FORMAT_NAMES[files.format]})`,
    label,
    split,
    telecomOnly: false,
    amlsimStyle: true,
    prepare: () => Promise.resolve(dir),
    load: (executor, _dir, workDir) => loadSampleFiles(executor, files, workDir),
    truth: () => sampleTruth(files),
  };
}

async function loadSampleFiles(
  executor: Executor,
  files: AmlsimSampleFiles,
  workDir: string,
): Promise<void> {
  const [accountsMapping, transactionsMapping] = FORMAT_MAPPINGS[files.format];
  const loads = [
    ['bank-accounts', files.accounts, accountsMapping],
    ['bank-transfers', files.transactions, transactionsMapping],
  ] as const;
  for (const [kind, file, mapping] of loads) {
    if (!file || !mapping) continue;
    await loadFile(executor, file, {
      kind,
      organisation: 'AMLSIM',
      workDir,
      mapping: shippedMapping(mapping),
    });
  }
}

/** The shared AMLSim sample (fan-in only; fraud flags, no pattern ids). */
export function amlsimSet(): DataSet {
  return {
    part: 'amlsim',
    name: 'AMLSim 20k fan-in 200',
    label: 'amlsim',
    split: 'tune',
    telecomOnly: false,
    amlsimStyle: true,
    prepare: () => Promise.resolve(AMLSIM_DIR),
    load: loadAmlsimFiles,
    truth: (dir) => samplesTruth(readFileSync(path.join(dir, 'nodes.csv'), 'utf8')),
  };
}

/**
 * The shared AMLSim sample with its own fan-ins taken out and 200 cycles planted by AMLSim's cycle
 * rule on `schedule` (seed/typologies/plantCycles.ts), each payment 10% less than the one sent
 * before, or `repeated` as AMLSim's 2018 releases paid a hop: cycles on a background Ringtrace did
 * not generate.
 */
export function plantedCyclesSet(
  seed: number,
  schedule: CycleSchedule,
  split: Split,
  amounts: 'falling' | 'repeated' = 'falling',
): DataSet {
  const style = `${schedule}${amounts === 'repeated' ? ' repeated' : ''}`;
  const label = `amlsim-cycles-${style.replaceAll(' ', '-')}-${seed}`;
  const name = `AMLSim 20k + cycles ${style} ${seed}`;
  return patternsFolderSet('amlsim', name, label, split, async (dir) => {
    console.log(`  planting cycles into the AMLSim sample (${style}, seed ${seed}) ...`);
    await writePlantedCycles(AMLSIM_DIR, dir, { ...PLANT_DEFAULTS, seed, schedule, amounts });
  });
}

/**
 * Pattern settings other than AMLSim's shipped ones (its settings allow any): loops and walks
 * through 10-20 accounts, or middle accounts keeping a fifth of what passes through them. Held
 * out: seed 3 of each was never looked at while the analysis was changed.
 */
export const PLANTING_VARIANTS = {
  large: { name: '10-20 accounts', settings: { minAccounts: 10, maxAccounts: 20 } },
  margin20: { name: 'middles keep 20%', settings: { margin: 0.2 } },
  shared: { name: 'accounts in several patterns', settings: { shared: 0.3 } },
} as const;

export type PlantingVariant = keyof typeof PLANTING_VARIANTS;

/**
 * The shared AMLSim sample with its own fan-ins taken out and AMLSim's eight typologies planted
 * by the rules of AMLSim's typology classes and its shipped pattern settings, 25 of each
 * (seed/typologies/plantTypologies.ts): 5-10 accounts, amounts of 100-200, 5-20 steps a pattern.
 * With `shuffled` amounts, the sample's amounts are first shuffled among its payments
 * (`shuffledAmounts`, seeded with the planting's seed): no account keeps a routine amount. A
 * `variant` plants with other pattern settings (`PLANTING_VARIANTS`).
 */
export function plantedTypologiesSet(
  seed: number,
  schedule: CycleSchedule,
  split: Split,
  amounts: 'as paid' | 'shuffled' = 'as paid',
  variant?: PlantingVariant,
): DataSet {
  const shuffled = amounts === 'shuffled';
  const { name: settingsName, settings } = variant
    ? PLANTING_VARIANTS[variant]
    : { name: null, settings: {} };
  const label = `amlsim-typologies-${shuffled ? 'shuffled-' : ''}${variant ? `${variant}-` : ''}${schedule}-${seed}`;
  const name = `AMLSim 20k${shuffled ? ' amounts shuffled' : ''} + typologies${settingsName ? ` (${settingsName})` : ''} ${schedule} ${seed}`;
  return patternsFolderSet('amlsim', name, label, split, async (dir) => {
    console.log(
      `  planting AMLSim's typologies into the AMLSim sample (${schedule}, seed ${seed}${shuffled ? ', amounts shuffled' : ''}${settingsName ? `, ${settingsName}` : ''}) ...`,
    );
    const read = await readSample(AMLSIM_DIR);
    const sample = shuffled ? shuffledAmounts(read, seed) : read;
    const world = plantTypologies(sample, {
      ...PLANT_TYPOLOGIES_DEFAULTS,
      ...settings,
      seed,
      schedule,
    });
    await writePlantedWorld(world, dir);
  });
}

/** The layouts other than the published samples' that the planted typologies are written in. */
const WRITTEN_LAYOUTS = {
  output: {
    format: 'output',
    files: ['accounts.csv', 'transactions.csv', 'alert_transactions.csv'],
    name: "AMLSim's output (a step a day)",
    described: "AMLSim's output format",
    write: writeAmlsimOutput,
  },
  legacy: {
    format: 'legacy',
    files: ['accounts.csv', 'tx.csv', 'alerts.csv'],
    name: "AMLSim's earlier output (a step a day)",
    described: "AMLSim's earlier output format",
    write: writeAmlsimLegacy,
  },
  txlog: {
    format: 'txlog',
    files: [null, 'tx_log.csv', null],
    name: "AMLSim's transaction log (a step a day)",
    described: "AMLSim's transaction log",
    write: writeAmlsimTxLog,
  },
  amlgentex: {
    format: 'txlog',
    files: [null, 'tx_log.csv', null],
    name: "AMLGentex's transaction log (a step a day)",
    described: "AMLGentex's transaction log",
    write: writeAmlgentexTxLog,
  },
  ibm: {
    format: 'ibm',
    files: ['accounts.csv', 'Trans.csv', 'Patterns.txt'],
    name: "IBM's AMLworld layout",
    described: "IBM's AMLworld layout",
    write: writeIbmOutput,
  },
} as const;

/**
 * The planted typologies of `plantedTypologiesSet` written in another layout, the truth read from
 * the files as written: as AMLSim's converter writes a simulation's output
 * (seed/typologies/amlsimOutput.ts: one step a day, ISO times, the truth in the files' `is_sar`
 * and `alert_id` columns and the alerts' typologies), as its earlier releases wrote it
 * (seed/typologies/amlsimLegacy.ts: `tx.csv`, flags `true`/`false`, amounts as `131.0`; the truth
 * the accounts' `isFraud`, no rings), as its simulator logs it before conversion
 * (seed/typologies/amlsimTxLog.ts: `tx_log.csv` alone, the truth in its `isSAR` and `alertID`
 * columns, no typologies), as AMLGentex logs it (seed/typologies/amlgentexTxLog.ts: the same
 * log with banks, opening balances, incomes paid by the source -2 and expenses paid to the sink
 * -1, the truth in `isSAR`, `patternID` and the typology numbers of `modelType`), or as IBM's
 * AMLworld data
 * (seed/typologies/ibmOutput.ts: two columns named `Account`, `yyyy/MM/dd HH:mm` times, currency
 * names, banks written with and without leading zeros, the truth in `Is Laundering` and
 * `Patterns.txt`).
 */
export function plantedTypologiesWrittenSet(
  layout: keyof typeof WRITTEN_LAYOUTS,
  seed: number,
  schedule: CycleSchedule,
  split: Split,
): DataSet {
  const { format, files: names, name, described, write } = WRITTEN_LAYOUTS[layout];
  const label = `amlsim-typologies-${layout}-${schedule}-${seed}`;
  const dir = path.join(BENCH_DIR, label);
  const [accounts, transactions, alerts] = names.map((file) => file && path.join(dir, file));
  const files: AmlsimSampleFiles = {
    format,
    accounts: accounts ?? null,
    transactions: transactions!,
    alerts: alerts ?? null,
  };
  // Each layout's files are written in this order: the last one there means all are.
  const written = alerts ?? transactions!;
  return {
    ...amlsimSampleSet(files, split, label),
    name: `AMLSim 20k + typologies ${schedule} ${seed}, ${name}`,
    async prepare() {
      if (!existsSync(written)) {
        console.log(
          `  planting AMLSim's typologies (${schedule}, seed ${seed}) in ${described} ...`,
        );
        const sample = await readSample(AMLSIM_DIR);
        const world = plantTypologies(sample, { ...PLANT_TYPOLOGIES_DEFAULTS, seed, schedule });
        await write(world, dir);
      }
      return dir;
    },
  };
}

/**
 * The data set's analysis graph: its dedicated Neo4j is started, loaded on first use (a marker
 * file says the load finished; a load cut short runs again, loads being idempotent), read, and
 * stopped before the graph is handed back.
 */
export async function readDataSet(
  dataSet: DataSet,
  dir: string,
): Promise<{ graph: AnalysisGraph; readSeconds: number }> {
  const config = loadConfig({
    RINGTRACE_DATA_DIR: path.join(DATA_DIR, dataSet.label),
    NEO4J_BOLT_PORT: '7699',
    NEO4J_HEAP: '2g',
    NEO4J_PAGECACHE: '1g',
  });
  const database = await openDatabase(config, pino({ level: 'warn' }));
  try {
    const marker = path.join(config.dataDir, 'detection-loaded');
    if (!existsSync(marker)) {
      console.log(`  loading ${dataSet.name} into its own Neo4j (kept for later runs) ...`);
      const started = performance.now();
      await dataSet.load(database.executor, dir, path.join(WORK_DIR, dataSet.label));
      writeFileSync(marker, `${new Date().toISOString()}\n`);
      console.log(`  loaded in ${Math.round((performance.now() - started) / 1000)} s`);
    }
    const started = performance.now();
    const graph = await readAnalysisGraph(database.executor, {});
    return { graph, readSeconds: (performance.now() - started) / 1000 };
  } finally {
    await database.close();
  }
}
