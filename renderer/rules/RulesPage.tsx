/**
 * The rules page: see the state machine, what the floor really does, what another
 * rule set would do, and which rules were in force when.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { DiagramView } from './DiagramView';
import { HistoryView } from './HistoryView';
import { ObservedView } from './ObservedView';
import { PreviewView } from './PreviewView';
import { rulesStore, type RulesStore, type RulesTab } from './store';
import './rules.css';

const TABS: [RulesTab, string][] = [
  ['diagram', 'State machine'],
  ['observed', 'Observed transitions'],
  ['preview', 'Impact preview'],
  ['history', 'History'],
];

export function RulesPage({ store = rulesStore }: { store?: RulesStore }) {
  const st = useStore(store);
  const load = st.load;
  useEffect(() => {
    void load();
  }, [load]);

  const known = [...(st.active ? [st.active] : []), ...st.history, ...st.bundled];
  const shown = known.find((x) => x.key === st.diagramKey) ?? st.active;
  return (
    <div className="rules-page" data-testid="rules-page">
      <div className="rules-tabs rules-no-print" role="tablist" aria-label="Rules">
        {TABS.map(([k, label]) => (
          <button key={k} role="tab" aria-selected={st.tab === k} onClick={() => st.setTab(k)}>
            {label}
          </button>
        ))}
      </div>
      {st.loadError && <div className="rules-banner error">{st.loadError}</div>}
      {st.tab === 'diagram' && (
        <>
          <div className="rules-row rules-no-print">
            <label>
              Rule set{' '}
              <select value={shown?.key ?? ''} onChange={(e) => st.showDiagram(e.target.value)}>
                {[...new Map(known.map((x) => [x.key, x])).values()].map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.ruleSet.name} ({x.key}){x.key === st.active?.key ? ' — in force' : ''}
                  </option>
                ))}
              </select>
            </label>
            <button className="rules-btn" onClick={() => window.print()}>
              Print the handbook page
            </button>
          </div>
          {shown ? <DiagramView ruleSet={shown.ruleSet} hash={shown.hash} /> : <p className="rules-muted">Loading…</p>}
        </>
      )}
      {st.tab === 'observed' && <ObservedView store={store} />}
      {st.tab === 'preview' && <PreviewView store={store} />}
      {st.tab === 'history' && <HistoryView store={store} />}
    </div>
  );
}
