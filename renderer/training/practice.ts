/**
 * Practice in the app's regular views: starting a scenario puts this window in practice (the
 * Orders, Journal, Anomalies, order and event pages then read the trainee's training journal,
 * and the regular correction form writes the answer there); leaving it brings the real journal
 * back. The views' kept rows belong to the journal they came from, so the app starts them over
 * (`journalSwitched`) whenever the journal it reads changes.
 */
import type { StartedScenarioRecord } from '../../shared/contract/training';
import { ledger } from '../app/ledger';
import { useLive } from '../app/live';
import { queryClient } from '../app/queries';
import { go } from '../app/router';
import { useSession } from '../app/session';
import { toast } from '../app/toasts';
import { useJournalView } from '../journal/store';
import { useOrdersView } from '../orders/store';
import { messageOf } from './ledger';
import { trainingStore } from './store';
import { isSupervisor } from '../../shared/corrections/decide';

/** The page that shows the graded answer of the practice. */
export const RESULT_PAGE = 'practice-result';

/** The pages a window in practice offers (the sidebar's and those reached by links). */
export const PRACTICE_PAGES: ReadonlySet<string> = new Set([
  'orders',
  'journal',
  'inbox',
  'training',
  'order',
  'event',
  RESULT_PAGE,
]);

/** The window now reads another journal: nothing the views kept may stay on screen. */
export function journalSwitched(): void {
  useJournalView.getState().clearFilter();
  useOrdersView.getState().setFilter({ status: undefined, withAnomalies: undefined, search: '' });
  useLive.setState((s) => ({ revision: s.revision + 1, orderIds: null }));
  void queryClient.resetQueries();
}

/** After `startScenario`: the session is in practice; the trainee starts at the order's timeline. */
export async function enterPractice(started: Pick<StartedScenarioRecord, 'orderId'>): Promise<void> {
  await useSession.getState().refresh();
  go('order', { orderId: started.orderId });
}

/** Back to the real journal and the scenario list. */
export async function leavePractice(): Promise<void> {
  trainingStore().getState().backToList();
  try {
    await ledger().leavePractice({});
  } catch (e) {
    toast('error', messageOf(e));
  }
  await useSession.getState().refresh();
  go('training');
}

/**
 * "Practise on a real mistake" is offered on a flagged event of the real journal, to a Supervisor
 * (who alone may make a scenario of it), never in practice or on a training journal.
 */
export function offersRealMistake(
  session: { operator: { role: string } | null; training: boolean; practice?: unknown } | null | undefined,
  event: { anomalies: readonly unknown[] },
): boolean {
  if (!session?.operator || !isSupervisor(session.operator.role)) return false;
  return !session.training && !session.practice && event.anomalies.length > 0;
}

/** Turn a flagged event of the real journal into a scenario, and show it on the Training page. */
export async function practiseOnRealMistake(eventId: string): Promise<void> {
  go('training');
  await trainingStore().getState().fromAnomaly(eventId);
}

/** "No correction needed": the answer that nothing in the history is wrong, graded like any other. */
export async function answerNoCorrection(scenarioId: string): Promise<void> {
  try {
    await ledger().submitAnswer({ scenarioId, answer: { action: 'none' } });
  } catch (e) {
    toast('error', messageOf(e));
  }
  await useSession.getState().refresh();
}
