/**
 * The training page: the scenario list (with "Practise on a real mistake" for a Supervisor) and
 * progress. Practising a scenario happens in the app's regular views, on the trainee's training
 * journal; the app shell puts the TRAINING band above this page and those views.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { ProgressView } from './ProgressView';
import { ScenarioList } from './ScenarioList';
import { trainingStore, type TrainingState } from './store';
import { isSupervisor } from '../../shared/corrections/decide';

export function TrainingPage({ store = trainingStore() }: { store?: StoreApi<TrainingState> }) {
  const s = useStore(store);
  const load = s.load;
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page tr-page" data-training="on">
      {s.error ? (
        <p role="alert" className="tr-error">
          {s.error}
        </p>
      ) : null}
      {s.view === 'progress' ? (
        <ProgressView progress={s.progress} everyone={isSupervisor(s.operator?.role)} onBack={s.backToList} />
      ) : (
        <ScenarioList
          scenarios={s.scenarios}
          busy={s.busy}
          onStart={(id) => void s.start(id)}
          onProgress={() => void s.showProgress()}
          everyone={isSupervisor(s.operator?.role)}
          mine={s.mine}
          made={s.made}
          onFromAnomaly={(id) => void s.fromAnomaly(id)}
        />
      )}
    </div>
  );
}
