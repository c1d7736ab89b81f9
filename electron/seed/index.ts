/** Sample data: a deterministic, realistic warehouse history with the handbook's mistakes in it. */
export {
  generateHistory,
  generateEvents,
  localTimestamp,
  MISTAKES,
  MISTAKE_EVERY,
  type HistoryOptions,
} from './generate';
export { seedJournal, type SeedOptions, type SeedReport } from './seedJournal';
export { writeNdjson } from './file';
export { MISSING_PACKAGE_NIGHT } from './missingPackage';
export { Random, seedFrom } from './random';
