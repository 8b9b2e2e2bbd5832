/**
 * A call-record-only world (telecom-cdr.csv, optional police-reports.csv, truth.json): organised
 * calling rings or an operator's lone fraud numbers among ordinary and busy callers. See README.md
 * beside this file.
 */
export { generateCallRing } from './generate';
export type { CallRingTruth, CallRingWorld } from './generate';
export { DEFAULTS, MODES, resolveCallRingOptions } from './options';
export type { CallRingMode, CallRingOptions } from './options';
export { CDR_FILE, cdrCsv, REPORTS_FILE, reportsCsv, TRUTH_FILE, truthJson } from './output';
export { writeCallRing } from './write';
export type { CallRingSummary, WriteCallRingOptions } from './write';
