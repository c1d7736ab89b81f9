/**
 * The graded answer of the scenario practised in this window, inside the regular shell (under
 * the TRAINING band). Reached after the correction form's write or "No correction needed".
 */
import { useStore } from 'zustand';
import { go } from '../app/router';
import { useSession } from '../app/session';
import { EmptyState } from '../ui/Dialog';
import { leavePractice } from './practice';
import { ResultView } from './ResultView';
import { trainingStore } from './store';

export function PracticeResultPage() {
  const practice = useSession((s) => s.session?.practice);
  const store = trainingStore();
  const { busy, error } = useStore(store);
  if (!practice?.result) {
    return <EmptyState title="No answer yet: correct the order, dismiss the flag, or say no correction is needed." />;
  }
  return (
    <div className="page tr-page">
      {error ? (
        <p role="alert" className="tr-error">
          {error}
        </p>
      ) : null}
      <ResultView
        title={practice.title}
        orderId={practice.orderId}
        result={practice.result}
        busy={busy}
        onTimeline={() => go('order', { orderId: practice.orderId })}
        onRetry={() => void store.getState().start(practice.scenarioId)}
        onLeave={() => void leavePractice()}
        onProgress={() => {
          go('training');
          void store.getState().showProgress();
        }}
      />
    </div>
  );
}
