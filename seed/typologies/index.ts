/**
 * An AMLSim-style laundering world (nodes.csv, transactions.csv, patterns.json): eight typologies
 * planted in a background that shares their shapes. See README.md beside this file.
 */
export { generateTypologies } from './generate';
export type { AccountRow, TypologyWorld } from './generate';
export { DEFAULTS, resolveTypologyOptions, SCHEDULES, TYPOLOGIES } from './options';
export type { Schedule, Typology, TypologyOptions } from './options';
export {
  NODE_COLUMNS,
  NODES_FILE,
  nodesCsv,
  PATTERNS_FILE,
  patternsJson,
  patternsTruth,
  TRANSACTION_COLUMNS,
  TRANSACTIONS_FILE,
  transactionsCsv,
} from './output';
export type { PatternsFile, PatternTruth } from './output';
export { writeTypologies } from './write';
export type { TypologiesSummary, WriteTypologiesOptions } from './write';
export {
  CYCLE_SCHEDULES,
  parseSample,
  PLANT_DEFAULTS,
  plantCycles,
  readSample,
  shuffledAmounts,
  writePlantedCycles,
  writePlantedWorld,
} from './plantCycles';
export type { AmlsimSample, CycleSchedule, PlantCyclesOptions, PlantedWorld } from './plantCycles';
export { PLANT_TYPOLOGIES_DEFAULTS, plantTypologies } from './plantTypologies';
export { amlsimOutput, writeAmlsimOutput } from './amlsimOutput';
export { amlsimLegacy, writeAmlsimLegacy } from './amlsimLegacy';
export { amlsimTxLog, writeAmlsimTxLog } from './amlsimTxLog';
export { amlgentexTxLog, writeAmlgentexTxLog } from './amlgentexTxLog';
export { ibmOutput, writeIbmOutput } from './ibmOutput';
export type { PlantTypologiesOptions } from './plantTypologies';
