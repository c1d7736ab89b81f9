/**
 * The training page's state: the scenario list and progress. Practising itself happens in the
 * app's regular views: `start` loads the scenario into the trainee's training journal, which puts
 * this window in practice, and hands over to `entered` (by default: to the order's timeline).
 * One store per window (`trainingStore`), or one per test with a fake ledger.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ProgressRecord, ScenarioSummaryRecord, StartedScenarioRecord } from '../../shared/contract/training';
import type { OperatorRecord } from '../../shared/contract/records';
import { messageOf, windowLedger, type TrainingLedger } from './ledger';
import { enterPractice } from './practice';

export type TrainingView = 'list' | 'progress';

export interface TrainingState {
  view: TrainingView;
  operator: OperatorRecord | null;
  scenarios: ScenarioSummaryRecord[];
  /** The signed-in operator's own progress (which cases they have done, and passed), for the list. */
  mine: ProgressRecord | null;
  progress: ProgressRecord[];
  busy: boolean;
  error: string | null;

  load(): Promise<void>;
  /** Load a scenario into a fresh training journal and practise it in the regular views. */
  start(scenarioId: string): Promise<void>;
  showProgress(): Promise<void>;
  backToList(): void;
  /** Supervisor: turn a flagged event of the real journal into a scenario. */
  fromAnomaly(eventId: string): Promise<void>;
  /** What the last "real mistake" made, to say so. */
  made: string | null;
}

export function createTrainingStore(
  ledger: () => TrainingLedger = windowLedger,
  entered: (started: StartedScenarioRecord) => Promise<void> = enterPractice,
): StoreApi<TrainingState> {
  return createStore<TrainingState>((set, get) => {
    /** Run a call with the busy flag and the error line handled. */
    const call = async (fn: () => Promise<void>) => {
      set({ busy: true, error: null });
      try {
        await fn();
      } catch (e) {
        set({ error: messageOf(e) });
      } finally {
        set({ busy: false });
      }
    };
    return {
      view: 'list',
      operator: null,
      scenarios: [],
      mine: null,
      progress: [],
      busy: false,
      error: null,

      load: () =>
        call(async () => {
          const [session, scenarios] = await Promise.all([ledger().session({}), ledger().listScenarios({})]);
          // Someone else signed in at this window: nothing of the last operator's stays on screen.
          const changed = session.operator?.id !== get().operator?.id;
          set({
            operator: session.operator,
            scenarios,
            ...(changed ? { view: 'list', progress: [], made: null, mine: null } : {}),
          });
          set({ mine: session.operator ? await mineOf(ledger(), session.operator.id) : null });
        }),

      start: (scenarioId) =>
        call(async () => {
          const started = await ledger().startScenario({ scenarioId });
          set({ view: 'list' });
          await entered(started);
        }),

      showProgress: () =>
        call(async () => {
          const progress = await ledger().trainingProgress({});
          set({ progress, view: 'progress' });
        }),

      backToList: () => set({ view: 'list', error: null }),

      made: null,
      fromAnomaly: (eventId) =>
        call(async () => {
          set({ made: null });
          const made = await ledger().scenarioFromAnomaly({ eventId: eventId.trim() });
          const scenarios = await ledger().listScenarios({});
          set({ scenarios, made: `Saved as scenario "${made.title}" (${made.id}).` });
        }),
    };
  });
}

/** The operator's own progress; the list is shown without its marks if it cannot be had. */
async function mineOf(api: TrainingLedger, operatorId: string): Promise<ProgressRecord | null> {
  try {
    const rows = await api.trainingProgress({ traineeId: operatorId });
    return rows.find((r) => r.traineeId === operatorId) ?? null;
  } catch {
    return null;
  }
}

let windowStore: StoreApi<TrainingState> | undefined;
/** The store of this window. */
export function trainingStore(): StoreApi<TrainingState> {
  windowStore ??= createTrainingStore();
  return windowStore;
}
