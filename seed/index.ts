/**
 * Ringtrace's scenario generator: seeded, deterministic scam networks with their ground truth.
 * `writeScenario` writes one to a directory; `generateScenario` streams rows into any sink.
 */
export { DEFAULTS, SIZE_PRESETS, SIZES, resolveOptions } from './options';
export type { ScenarioOptions, SizeName } from './options';
export { COLUMNS, FILE_KINDS, fileName } from './output/formats';
export type { FileKind, Row, ScenarioSink } from './output/formats';
export { CountingSink, MemorySink } from './output/memorySink';
export { generateScenario, scenarioSteps } from './scenario';
export type { ScenarioProgress, ScenarioResult } from './scenario';
export { entitiesInFiles } from './truth/fileEntities';
export type { Truth, TruthHop, TruthMember, TruthRing, TruthVictimPayment } from './truth/model';
export { VARIANT_SPECS, VARIANTS } from './variants';
export type { VariantName, VariantSpec } from './variants';
export { TRUTH_FILE, writeScenario } from './write';
export type { ScenarioSummary, WriteScenarioOptions } from './write';
