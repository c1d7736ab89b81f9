/**
 * Every channel's handler, merged from one file per capability. A capability with channels of
 * its own (export, training, rules…) exports a partial map from `./<capability>.ts` and spreads
 * it in here. The table is complete by type: a contract channel without a handler fails the
 * typecheck (and test/handlers/handlers.test.ts).
 */
import type { HandlerTable } from './types';
import { sessionHandlers } from './session';
import { browseHandlers } from './browse';
import { jobHandlers } from './jobs';
import { settingsHandlers } from './settings';
import { correctionHandlers } from './corrections';
import { correctionContextHandlers } from './correctionContext';
import { rulesHandlers } from './rules';
import { searchHandlers } from './search';
import { trainingHandlers } from './training';
import { exportHandlers } from './export';
import { historyHandlers } from './history';
import { requestHandlers } from './requests';
import { operatorHandlers } from './operators';

export const handlers: HandlerTable = {
  ...sessionHandlers,
  ...browseHandlers,
  ...jobHandlers,
  ...settingsHandlers,
  ...correctionHandlers,
  ...correctionContextHandlers,
  ...rulesHandlers,
  ...searchHandlers,
  ...trainingHandlers,
  ...exportHandlers,
  ...historyHandlers,
  ...requestHandlers,
  ...operatorHandlers,
};

export type { Handler, HandlerTable, PartialHandlers } from './types';
