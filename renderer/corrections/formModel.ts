/**
 * The correction form's state and steps: load the order as it is, choose a status (or dismiss),
 * give a reason, preview, confirm. Written against a `CorrectionsLedger` so tests drive it with
 * a fake; the dialog uses the one bound to `window.ledger`.
 *
 * The order's `lastSeq` at load time is the `expectedSeq` of the write: if the order moved
 * meanwhile, the journal refuses with `stale`, the form says so, reloads, and nothing is written.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResponseOf } from '../../shared/contract/channels';
import type { AppendedRecord, OperatorRecord, OrderRecord } from '../../shared/contract/records';
import {
  COMMON_CORRECTION_REASONS,
  COMMON_DISMISSAL_REASONS,
  defaultFlag,
  hasPlaceholder,
  mayWriteOfficeEvents,
  openAnomalies,
  previewCorrection,
  previewDismissal,
  type CorrectionPreview,
  type CorrectionSuggestion,
  type DismissalPreview,
  type HistoryItem,
} from '../../shared/corrections';
import { DEFAULT_RULE_SET } from '../../shared/rules/builtin';
import { compileRules, type CompiledRules } from '../../shared/rules/ruleSet';
import type { CorrectionContextRequest } from '../../shared/contract/corrections';
import { failureOf, type CorrectionsLedger } from './ledger';
import type { CorrectionTarget } from './store';

export type FormMode = 'correct' | 'dismiss';
export type FormStep = 'closed' | 'loading' | 'edit' | 'preview' | 'writing' | 'done' | 'failed';
export type EventDetail = NonNullable<ResponseOf<'eventDetail'>>;

export interface CorrectionFormState {
  step: FormStep;
  target: CorrectionTarget | null;
  mode: FormMode;
  operator: OperatorRecord | null;
  training: boolean;
  /**
   * The window practises a training scenario: whatever the operator's role, the write is their
   * answer, goes to their training journal (where they are recorded as a Trainee) and is graded.
   */
  practising: boolean;
  /** In practice: the scenario has been answered already; another answer would be refused. */
  answered: boolean;
  order: OrderRecord | null;
  history: HistoryItem[];
  /** The flagged event with its neighbours: the one the form was opened from, or the flag chosen. */
  detail: EventDetail | null;
  /**
   * Opened on the order (no event named): its events with an open flag, which the correction
   * may resolve; the latest error is named by default. Empty when opened from an event, and in
   * practice (there, naming the wrong event is part of what is graded).
   */
  flagChoices: HistoryItem[];
  rules: CompiledRules;
  /** The order's last seq when the form was (re)loaded: what the operator saw. */
  expectedSeq: number;
  suggestion: CorrectionSuggestion | null;
  status: string;
  reason: string;
  /** Something the operator must know (the order moved, the write happened). */
  notice: string | null;
  /** Why the last action failed. */
  error: string | null;
  written: AppendedRecord | null;
  /** The order got an event after the form loaded (seen from a push): Confirm would be refused. */
  moved: boolean;
}

export interface CorrectionFormActions {
  load(target: CorrectionTarget): Promise<void>;
  close(): void;
  setMode(mode: FormMode): void;
  setStatus(status: string): void;
  setReason(reason: string): void;
  toPreview(): void;
  back(): void;
  confirm(): Promise<void>;
  /** The journal changed: if this order got an event since the form loaded, say so before Confirm. */
  checkMoved(): Promise<void>;
  /** Opened on the order: name the flagged event the correction resolves (null: none). */
  chooseFlag(seq: number | null): Promise<void>;
  /** Load the order again as it is now, keeping the chosen status and the reason. */
  reload(): Promise<void>;
}

export type CorrectionFormStore = StoreApi<CorrectionFormState & CorrectionFormActions>;

const initial = (): CorrectionFormState => ({
  step: 'closed',
  target: null,
  mode: 'correct',
  operator: null,
  training: false,
  practising: false,
  answered: false,
  order: null,
  history: [],
  detail: null,
  flagChoices: [],
  rules: compileRules(DEFAULT_RULE_SET),
  expectedSeq: 0,
  suggestion: null,
  status: '',
  reason: '',
  notice: null,
  error: null,
  written: null,
  moved: false,
});

type WhoWrites = Pick<CorrectionFormState, 'operator' | 'training'> & { practising?: boolean; answered?: boolean };

/**
 * May the signed-in operator write office events in this journal? Decide's role rule; whoever
 * practises may: it is their answer, written as a Trainee's to their training journal.
 */
export function mayCorrect(s: WhoWrites): boolean {
  const role = s.operator?.role;
  if (role && s.practising) return true;
  return role !== undefined && mayWriteOfficeEvents(role, s.training);
}

/** Why the action is unavailable, in a sentence, or null when it is available. */
export function unavailableBecause(s: WhoWrites): string | null {
  if (!s.operator) return 'Sign in as a Supervisor to correct a status.';
  if (s.practising && s.answered) {
    return 'You have already answered this scenario: see the result (on the TRAINING band), and press "Try again" there to start it over.';
  }
  if (mayCorrect(s)) return null;
  const who = `${s.operator.name} (${s.operator.role})`;
  if (s.operator.role === 'Trainee')
    return `You are signed in as ${who}: a Trainee's corrections go to the training journal only, never to the real one.`;
  return `Only a Supervisor may correct a status or dismiss a flag. You are signed in as ${who}: you see the same form, but Confirm is not available to you.`;
}

/**
 * Who the office event will name. In practice the training journal records whoever practises as
 * a Trainee (electron/training/desk), so the preview shows, and checks, exactly that.
 */
function writer(s: CorrectionFormState): { id: string; name: string; role: string } | null {
  if (!s.operator) return null;
  const role = s.practising ? 'Trainee' : s.operator.role;
  return { id: s.operator.id, name: s.operator.name, role };
}

/**
 * In practice the answer is graded on which event it names, and a form opened on the order (not
 * from an event) names none: the flagged events it could name instead, so the form can offer them.
 * Empty outside practice, when an event is named, or when nothing in the order is flagged.
 */
export function eventsToName(s: Pick<CorrectionFormState, 'practising' | 'detail' | 'history'>): HistoryItem[] {
  if (!s.practising || s.detail) return [];
  return s.history.filter((item) => openAnomalies(item).length > 0);
}

/** The preview of what the form holds now (pure: recomputed on every render that needs it). */
export function currentPreview(s: CorrectionFormState): CorrectionPreview | DismissalPreview | null {
  const operator = writer(s);
  if (!s.order || !operator) return null;
  const options = { training: s.training || s.practising };
  if (s.mode === 'dismiss') {
    const event = s.detail?.event;
    if (!event) return null;
    return previewDismissal(
      s.history,
      { dismissesEventId: event.eventId, reason: s.reason },
      operator,
      s.rules,
      options,
    );
  }
  const draft: { status: string; reason: string; correctsEventId?: string } = { status: s.status, reason: s.reason };
  if (s.detail) draft.correctsEventId = s.detail.event.eventId;
  return previewCorrection(s.history, draft, operator, s.rules, options);
}

/**
 * Problems that stop the preview, as decide refuses it, the placeholder of a picked reason
 * included. Who may confirm is said apart (`unavailableBecause`), so decide's role refusal is left out here.
 */
export function formProblems(s: CorrectionFormState): string[] {
  const preview = currentPreview(s);
  const problems = preview ? preview.refusals.filter((r) => r.about !== 'operator').map((r) => r.problem) : [];
  if (hasPlaceholder(s.reason)) problems.push('Complete the reason: replace the "…" with what you found.');
  if (s.mode === 'dismiss' && !s.detail) problems.push('Open the form from a flagged event to dismiss its flag.');
  return problems;
}

export { defaultFlag };

export const commonReasons = (mode: FormMode) =>
  mode === 'dismiss' ? COMMON_DISMISSAL_REASONS : COMMON_CORRECTION_REASONS;

export function createCorrectionForm(ledger: () => CorrectionsLedger): CorrectionFormStore {
  // Loads can overlap (reopened from another view): only the latest one may land.
  let generation = 0;

  return createStore<CorrectionFormState & CorrectionFormActions>()((set, get) => {
    async function fetchOrder(
      target: CorrectionTarget,
      keep: { status?: string; reason?: string; flag?: number | null } = {},
      then: Partial<CorrectionFormState> = {},
    ) {
      const mine = ++generation;
      // One call: the order, its history, the flag named, the suggestion and the rules in force.
      const request: CorrectionContextRequest = { orderId: target.orderId };
      if (target.seq !== undefined) request.seq = target.seq;
      if (keep.flag !== undefined) request.flag = keep.flag;
      const context = await ledger().correctionContext(request);
      if (mine !== generation) return;
      const { order, history, detail: named, suggestion } = context;
      if (!order) {
        set({ step: 'failed', error: `Order ${target.orderId} is not in this journal.` });
        return;
      }
      if (target.seq !== undefined && named && named.event.orderId !== target.orderId) {
        set({ step: 'failed', error: `Event #${target.seq} is not an event of order ${target.orderId}.` });
        return;
      }
      if (!suggestion) {
        set({ step: 'failed', error: `Order ${target.orderId} cannot be corrected here.` });
        return;
      }
      const rules = compileRules(context.ruleSet);
      const offered = new Set(context.flagChoices);
      const flagChoices = history.filter((item) => offered.has(item.seq));
      const status = keep.status && rules.statuses.has(keep.status) ? keep.status : suggestion.defaultStatus;
      set({
        step: 'edit',
        operator: context.operator,
        training: context.training,
        practising: context.practising,
        answered: context.answered,
        order,
        history,
        detail: named,
        flagChoices,
        rules,
        // What the operator sees is the order's history as loaded; its last seq is the guard.
        expectedSeq: order.lastSeq,
        suggestion,
        status,
        reason: keep.reason ?? '',
        written: null,
        moved: false,
        ...then,
      });
    }

    async function guarded(work: () => Promise<void>) {
      try {
        await work();
      } catch (e) {
        set({ step: 'failed', error: failureOf(e).message });
      }
    }

    return {
      ...initial(),
      async load(target) {
        set({ ...initial(), step: 'loading', target, mode: target.mode ?? 'correct' });
        // From a Clerk's request: their proposed status and reason are the starting draft.
        const draft = target.request ? { status: target.request.status, reason: target.request.reason } : {};
        await guarded(() => fetchOrder(target, draft));
      },
      close() {
        generation++;
        set(initial());
      },
      setMode(mode) {
        set({ mode, step: get().step === 'preview' ? 'edit' : get().step, error: null });
      },
      setStatus(status) {
        set({ status, error: null });
      },
      setReason(reason) {
        set({ reason, error: null });
      },
      toPreview() {
        const s = get();
        if (s.step !== 'edit') return;
        const problems = formProblems(s);
        if (problems.length) {
          set({ error: problems.join(' ') });
          return;
        }
        set({ step: 'preview', error: null, notice: null });
      },
      back() {
        if (get().step === 'preview') set({ step: 'edit' });
      },
      async checkMoved() {
        const s = get();
        if ((s.step !== 'edit' && s.step !== 'preview') || !s.order || s.moved) return;
        try {
          const now = await ledger().getOrder({ orderId: s.order.orderId });
          const after = get();
          if (!now || now.lastSeq === after.expectedSeq || after.order?.orderId !== now.orderId) return;
          if (after.step !== 'edit' && after.step !== 'preview') return;
          set({
            moved: true,
            notice:
              `Order ${now.orderId} has received a new event (#${now.lastSeq}) since this form was opened: ` +
              `confirming would be refused. Reload the order to see it.`,
          });
        } catch {
          // Only a warning: Confirm is still guarded by the journal itself.
        }
      },
      async chooseFlag(seq) {
        const s = get();
        if (!s.target || s.target.seq !== undefined || s.step !== 'edit') return;
        // The status follows the flag's own suggestion; the reason typed so far is kept.
        set({ step: 'loading', error: null, mode: seq === null ? 'correct' : s.mode });
        await guarded(() => fetchOrder(s.target!, { reason: s.reason, flag: seq }));
      },
      async reload() {
        const s = get();
        if (!s.target || s.step === 'writing') return;
        set({ step: 'loading', notice: null, error: null });
        await guarded(() =>
          fetchOrder(s.target!, { status: s.status, reason: s.reason, flag: s.detail?.event.seq ?? null }),
        );
      },
      async confirm() {
        const s = get();
        // One write per preview: a second click while writing, or after, does nothing.
        if (s.step !== 'preview' || !s.order || !s.target) return;
        const blocked = unavailableBecause(s);
        if (blocked) {
          set({ error: blocked });
          return;
        }
        const preview = currentPreview(s);
        if (!preview?.ok) {
          set({ error: preview?.problems.join(' ') ?? 'Nothing to confirm.' });
          return;
        }
        set({ step: 'writing', error: null });
        const api = ledger();
        try {
          const written =
            s.mode === 'dismiss'
              ? await api.dismiss({
                  orderId: s.order.orderId,
                  dismissesEventId: s.detail!.event.eventId,
                  reason: preview.event.data.reason,
                  expectedSeq: s.expectedSeq,
                })
              : await api.correct(correctRequest(s, preview as CorrectionPreview));
          const notice =
            s.mode === 'dismiss'
              ? `Written as event #${written.seq}: the flag is dismissed; order ${s.order.orderId} stays ${preview.statusAfter ?? 'as it was'}.`
              : `Written as event #${written.seq}: order ${s.order.orderId} is now ${written.status ?? preview.statusAfter}.`;
          set({ step: 'done', written, notice });
          // Show the order as it now is (its history with the new event), keeping the form closed to edits.
          await fetchOrder(
            s.target,
            { status: s.status, reason: s.reason, flag: s.detail?.event.seq ?? null },
            { step: 'done', written, notice },
          ).catch(() => undefined);
        } catch (e) {
          const failure = failureOf(e);
          if (failure.code === 'stale') {
            const keep = { status: s.status, reason: s.reason, flag: s.detail?.event.seq ?? null };
            set({
              step: 'loading',
              notice:
                `Order ${s.order.orderId} received a new event since you opened this form, so nothing was written. ` +
                `The form now shows the order as it is: check the status and confirm again.` +
                (failure.message ? ` (${failure.message})` : ''),
            });
            await guarded(() => fetchOrder(s.target!, keep));
            return;
          }
          set({ step: 'preview', error: failure.message });
        }
      },
    };
  });
}

function correctRequest(s: CorrectionFormState, preview: CorrectionPreview) {
  const request: { orderId: string; status: string; reason: string; correctsEventId?: string; expectedSeq: number } = {
    orderId: s.order!.orderId,
    status: preview.event.data.status,
    reason: preview.event.data.reason,
    expectedSeq: s.expectedSeq,
  };
  if (preview.event.data.correctsEventId !== undefined) request.correctsEventId = preview.event.data.correctsEventId;
  return request;
}
