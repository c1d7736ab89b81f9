/** The journal: the only code that speaks SQL. Open one with `Journal.open(path, options)`. */
export { Journal, openJournal } from './journal';
export { GENESIS_HASH, eventHash, ruleSetHash } from './hash';
export { SCHEMA_VERSION } from './migrations';
export { RULES_ORDER_ID } from './projections';
export { ruleSetKey } from './ruleSets';
export type { RuleActivationInput } from './office';
export type { ExportEntry, ExportInput } from './exports';
export * from './types';
export type { ActivityQuery } from './people';
export type { AnomalySide, ImportSummary, RefusedSummary } from './handover';
export type { PastTurns } from './past';
