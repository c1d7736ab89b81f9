/**
 * What a handler sees of the world: the journal of this worker, who is signed in to the window
 * (or browser tab) that called, and the services long work runs on. One context is built per
 * call, so a handler can never act in the name of another window's operator.
 */
import type { OperatorRecord } from '../../../shared/contract/records';
import type { SubmitResultRecord } from '../../../shared/contract/training';
import type { PushName, Pushes } from '../../../shared/contract/channels';
import type { z } from 'zod';
import type { Journal } from '../../journal';
import type { TrainingDesk } from '../../training/desk';
import type { LedgerJobs } from '../ledgerJobs';
import type { SettingsStore } from '../../settings/store';
import type { ImportWork } from '../work';
import type { FileGrants } from '../../files/grants';
import type { KeyProtector } from '../../export/keys';

/** One window (Electron) or one page (browser host): who is signed in there, and whether they practise. */
export interface Session {
  readonly id: string;
  operatorId: string | null;
  /**
   * The scenario this window practises, set by `startScenario`, cleared by `leavePractice`,
   * sign-in and sign-out. While set, the practice channels work on the operator's training
   * journal (shared/contract/training `PRACTICE_CHANNELS`). Absent means not practising.
   */
  practice?: Practice | null;
  /** When the person last used the window (a sign-in, or `stillHere` on a key or a click). */
  lastActive?: number;
  /** Who was signed in when the session ended for going unused (cleared by sign-in and sign-out). */
  idleEnded?: OperatorRecord | null;
}

export interface Practice {
  scenarioId: string;
  /** When the scenario was loaded: a practice loaded again elsewhere since is over. */
  startedAt: string;
  /** The graded answer, once given (through `correct`, `dismiss` or `submitAnswer`). */
  result: SubmitResultRecord | null;
}

export type Push = <P extends PushName>(name: P, payload: z.input<Pushes[P]>) => void;

/** Everything that lives as long as the open journal, shared by every session. */
export interface LedgerServices {
  journal: Journal;
  /**
   * The one job runner: import, sample, rebuild, the rule tools' scans, the orders as they
   * stood, the export; progress, cancel and the result by the job's id.
   */
  longJobs: LedgerJobs;
  /** What import and sample jobs run. */
  work: ImportWork;
  desk: TrainingDesk;
  settings: SettingsStore;
  /** The workstation's signing key: its folder (never the journal's) and how it is kept at rest. */
  keys: { dir: string; protector: KeyProtector };
  /** The workstation's own journal (the one the worker started with): its export destination is this one's. */
  workstationJournal: string;
  push: Push;
  /** The files each window chose (dialog, confirmed drop, upload): the only files a channel reads. */
  files: FileGrants;
  /** Now, in ms since the epoch (the sign-in throttle and idle sessions; tests set their own). */
  clock: () => number;
}

export interface HandlerContext extends LedgerServices {
  /** The real journal, or, on a practice channel, the training journal of the window's practice. */
  journal: Journal;
  session: Session;
  /** The signed-in operator, re-read from the journal for this call (`null` when nobody is). */
  operator: OperatorRecord | null;
}
