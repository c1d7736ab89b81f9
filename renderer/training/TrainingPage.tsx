/**
 * The training page: the TRAINING band on top of every view, then the scenario list, the
 * practice view, the graded result or progress. Everything goes through the training channels,
 * which write only in the trainee's own training journal.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { PracticeView } from './PracticeView';
import { ProgressView } from './ProgressView';
import { ResultView } from './ResultView';
import { ScenarioList } from './ScenarioList';
import { TrainingBand } from './TrainingBand';
import { trainingStore, type TrainingState } from './store';
import { t } from './styles';

export function TrainingPage({
  store = trainingStore(),
  onSignOut,
}: {
  store?: StoreApi<TrainingState>;
  /** Given when training is the whole app (a Trainee signs in to training only). */
  onSignOut?: () => void;
}) {
  const s = useStore(store);
  const load = s.load;
  useEffect(() => {
    void load();
  }, [load]);

  let body;
  if (s.view === 'practice' && s.started) {
    body = (
      <PracticeView
        started={s.started}
        draft={s.draft}
        busy={s.busy}
        blocker={s.blocker()}
        onPick={s.pick}
        onAction={s.setAction}
        onStatus={s.setStatus}
        onReason={s.setReason}
        onSubmit={() => void s.submit()}
        onBack={s.backToList}
      />
    );
  } else if (s.view === 'result' && s.result && s.started) {
    const scenarioId = s.started.scenarioId;
    body = (
      <ResultView
        title={s.started.title}
        result={s.result}
        busy={s.busy}
        onRetry={() => void s.start(scenarioId)}
        onBack={s.backToList}
        onProgress={() => void s.showProgress()}
      />
    );
  } else if (s.view === 'progress') {
    body = <ProgressView progress={s.progress} onBack={s.backToList} />;
  } else {
    body = (
      <ScenarioList
        scenarios={s.scenarios}
        busy={s.busy}
        onStart={(id) => void s.start(id)}
        onProgress={() => void s.showProgress()}
        everyone={s.operator?.role === 'Supervisor'}
        made={s.made}
        onFromAnomaly={(id) => void s.fromAnomaly(id)}
      />
    );
  }
  return (
    <div style={t.frame} data-training="on">
      <TrainingBand operatorName={s.operator?.name} onSignOut={onSignOut} />
      <div style={t.page}>
        {s.error ? (
          <p role="alert" style={t.error}>
            {s.error}
          </p>
        ) : null}
        {body}
      </div>
    </div>
  );
}
