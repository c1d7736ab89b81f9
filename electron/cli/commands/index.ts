/**
 * Every command of `warehouse-ledger`, in the order `--help` lists them. To add a command, write
 * a module exporting a `CliCommand` (see ../command) in this folder and add it here.
 */
import type { CliCommand } from '../command';
import { activity } from './activity';
import { anomalies } from './anomalies';
import { correct, dismiss } from './correct';
import { correctionsLog } from './corrections-log';
import { CORPORATE_COMMANDS } from './corporate';
import { digest } from './digest';
import {
  exportCommand,
  exportSettingsCommand,
  keyCommand,
  keyReplaceLostCommand,
  keyRotateCommand,
  verifyExportCommand,
} from './export';
import { history } from './history';
import { importCommand } from './import';
import { settingsImportFolderCommand } from './settings';
import { init } from './init';
import { operatorsAdd, operatorsDisable, operatorsList, operatorsResetPassword } from './operators';
import { orders } from './orders';
import { rebuild } from './rebuild';
import { requests } from './requests';
import { reportOrder } from './report';
import { rejectedList, rejectedRetry } from './rejected';
import { rulesList, rulesShow } from './rules';
import { search } from './search';
import { seed } from './seed';
import { RULES_ACTIVATE_USAGE, runRulesActivate } from './rules-activate';
import { RULES_PREVIEW_USAGE, runRulesPreview } from './rules-preview';
import { runTrainingCommand, TRAINING_USAGE } from './training';
import { verify } from './verify';

export const COMMANDS: readonly CliCommand[] = [
  init,
  operatorsAdd,
  operatorsList,
  operatorsDisable,
  operatorsResetPassword,
  importCommand,
  rejectedList,
  rejectedRetry,
  orders,
  history,
  anomalies,
  activity,
  digest,
  reportOrder,
  search,
  correct,
  dismiss,
  correctionsLog,
  requests,
  verify,
  rebuild,
  seed,
  rulesList,
  rulesShow,
  keyCommand,
  keyRotateCommand,
  keyReplaceLostCommand,
  exportCommand,
  exportSettingsCommand,
  settingsImportFolderCommand,
  verifyExportCommand,
  ...CORPORATE_COMMANDS,
  {
    name: 'rules preview',
    summary: 'what a rule set file would flag in this journal, before anyone activates it',
    usage: RULES_PREVIEW_USAGE,
    run: (args, io) => runRulesPreview(args, io, { db: io.defaultDb }),
  },
  {
    name: 'rules activate',
    summary: 'put a rule set file in force from the next event on (Supervisor)',
    usage: RULES_ACTIVATE_USAGE,
    run: (args, io) => runRulesActivate(args, io, { db: io.defaultDb }),
  },
  {
    name: 'training',
    summary: 'training scenarios: list, coverage of the rules',
    usage: TRAINING_USAGE,
    run: (args, io) => runTrainingCommand(args, io, { db: io.defaultDb }),
  },
];
