/**
 * The training views' state: the scenario list, the scenario being practised (its history in the
 * trainee's training journal and the answer being written), the graded result, and progress.
 * One store per window (`trainingStore`), or one per test with a fake ledger.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ProgressRecord,
  ScenarioSummaryRecord,
  StartedScenarioRecord,
  SubmitResultRecord,
} from '../../shared/contract/training';
import type { OperatorRecord } from '../../shared/contract/records';
import { validateReason } from '../../shared/corrections/reason';
import type { TraineeAnswer } from '../../shared/training/grade';
import { messageOf, windowLedger, type TrainingLedger } from './ledger';

export type TrainingView = 'list' | 'practice' | 'result' | 'progress';
export type AnswerAction = TraineeAnswer['action'];

/** The answer as the form holds it while the trainee writes it. */
export interface AnswerDraft {
  action: AnswerAction;
  eventId: string | null;
  status: string | null;
  reason: string;
}

export interface TrainingState {
  view: TrainingView;
  operator: OperatorRecord | null;
  scenarios: ScenarioSummaryRecord[];
  started: StartedScenarioRecord | null;
  draft: AnswerDraft;
  result: SubmitResultRecord | null;
  progress: ProgressRecord[];
  busy: boolean;
  error: string | null;

  load(): Promise<void>;
  start(scenarioId: string): Promise<void>;
  pick(eventId: string): void;
  setAction(action: AnswerAction): void;
  setStatus(status: string): void;
  setReason(reason: string): void;
  /** What keeps the answer from being sent, in words; `null` when it can go. */
  blocker(): string | null;
  submit(): Promise<void>;
  showProgress(): Promise<void>;
  backToList(): void;
  /** Supervisor: turn a flagged event of the real journal into a scenario. */
  fromAnomaly(eventId: string): Promise<void>;
  /** What the last "real mistake" made, to say so. */
  made: string | null;
}

const emptyDraft = (): AnswerDraft => ({ action: 'correct', eventId: null, status: null, reason: '' });

/** The draft as the contract's answer, or why it cannot be one yet. */
export function answerOf(draft: AnswerDraft): { ok: true; answer: TraineeAnswer } | { ok: false; message: string } {
  if (draft.action === 'none') return { ok: true, answer: { action: 'none' } };
  if (draft.eventId === null) return { ok: false, message: 'Pick the event you want to act on in the history.' };
  if (draft.action === 'correct') {
    if (draft.status === null) return { ok: false, message: 'Pick the status the order should have.' };
    return {
      ok: true,
      answer: { action: 'correct', eventId: draft.eventId, status: draft.status, reason: draft.reason },
    };
  }
  return { ok: true, answer: { action: 'dismiss', eventId: draft.eventId, reason: draft.reason } };
}

export function createTrainingStore(ledger: () => TrainingLedger = windowLedger): StoreApi<TrainingState> {
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
      started: null,
      draft: emptyDraft(),
      result: null,
      progress: [],
      busy: false,
      error: null,

      load: () =>
        call(async () => {
          const [session, scenarios] = await Promise.all([ledger().session({}), ledger().listScenarios({})]);
          // Someone else signed in at this window: nothing of the last operator's practice stays on screen.
          const changed = session.operator?.id !== get().operator?.id;
          const reset = {
            view: 'list' as const,
            started: null,
            result: null,
            draft: emptyDraft(),
            progress: [],
            made: null,
          };
          set({ operator: session.operator, scenarios, ...(changed ? reset : {}) });
        }),

      start: (scenarioId) =>
        call(async () => {
          const started = await ledger().startScenario({ scenarioId });
          set({ started, view: 'practice', draft: emptyDraft(), result: null });
        }),

      pick: (eventId) => set((s) => ({ draft: { ...s.draft, eventId } })),
      setAction: (action) => set((s) => ({ draft: { ...s.draft, action } })),
      setStatus: (status) => set((s) => ({ draft: { ...s.draft, status } })),
      setReason: (reason) => set((s) => ({ draft: { ...s.draft, reason } })),

      blocker: () => {
        const { draft } = get();
        const a = answerOf(draft);
        if (!a.ok) return a.message;
        // A short reason is still sent and graded (the grade says so); only the picks are required.
        return null;
      },

      submit: () =>
        call(async () => {
          const { started, draft } = get();
          if (!started) throw new Error('No scenario is loaded.');
          const a = answerOf(draft);
          if (!a.ok) throw new Error(a.message);
          const result = await ledger().submitAnswer({ scenarioId: started.scenarioId, answer: a.answer });
          set({ result, view: 'result' });
        }),

      showProgress: () =>
        call(async () => {
          const progress = await ledger().trainingProgress({});
          set({ progress, view: 'progress' });
        }),

      backToList: () => set({ view: 'list', started: null, result: null, draft: emptyDraft(), error: null }),

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

/** Whether the reason as typed would satisfy the handbook (shown under the field as the trainee types). */
export function reasonHint(reason: string): string | null {
  const r = validateReason(reason);
  return r.ok ? null : r.message;
}

let windowStore: StoreApi<TrainingState> | undefined;
/** The store of this window. */
export function trainingStore(): StoreApi<TrainingState> {
  windowStore ??= createTrainingStore();
  return windowStore;
}
