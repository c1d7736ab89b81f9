/**
 * Impact preview: choose a candidate rule set (shipped, a file, pasted JSON, or a copy of the
 * rules in force edited in a table), replay the whole history under it in the background, and
 * see what it would flag that the rules in force do not, and the reverse. Then, and only for a
 * Supervisor with a reason, put it in force.
 */
import { anomalyName } from '../../shared/rules/anomalyNames';
import { useState } from 'react';
import { useStore } from 'zustand';
import type { PreviewResultRecord } from '../../shared/contract/rules';
import { JobProgress } from './JobProgress';
import { RuleTableEditor } from './RuleTableEditor';
import type { RulesStore } from './store';
import { go } from '../app/router';
import { Dialog } from '../ui/Dialog';
import { previewVerdict } from './verdict';
import { MIN_REASON_LENGTH, reasonRule } from '../../shared/corrections/decide';
import { formatCount } from '../ui/format';

type Source = 'bundled' | 'file' | 'pasted' | 'table';

export function PreviewView({ store }: { store: RulesStore }) {
  const st = useStore(store);
  const [source, setSource] = useState<Source>('bundled');
  const p = st.preview.result;
  return (
    <section aria-label="Impact preview">
      <h2>Impact preview</h2>
      <p className="rules-muted">
        Replays the whole journal under a candidate rule set and under the rules in force ({st.active?.key ?? '…'}), and
        shows the difference. Nothing is changed until a Supervisor activates.
      </p>
      <div className="rules-tabs" role="tablist" aria-label="Where the candidate comes from">
        {(
          [
            ['bundled', 'Shipped rule sets'],
            ['file', 'JSON file'],
            ['pasted', 'Paste JSON'],
            ['table', 'Edit a copy in a table'],
          ] as const
        ).map(([k, label]) => (
          <button key={k} role="tab" aria-selected={source === k} onClick={() => setSource(k)}>
            {label}
          </button>
        ))}
      </div>
      {source === 'bundled' && (
        <div className="rules-row">
          {st.bundled.map((b) => (
            <button key={b.key} className="rules-btn" onClick={() => st.useBundled(b.key)}>
              {b.ruleSet.name} ({b.key})
            </button>
          ))}
        </div>
      )}
      {source === 'file' && (
        <div className="rules-row">
          <span className="muted">A rule set JSON file in the handbook&apos;s format.</span>{' '}
          <button className="rules-btn" onClick={() => void st.loadFile()}>
            Choose a rule set file…
          </button>
        </div>
      )}
      {source === 'pasted' && (
        <div>
          <textarea
            aria-label="Rule set JSON"
            rows={10}
            value={st.pasted}
            placeholder='{"id": "floor-rules", "version": 3, …}'
            onChange={(e) => st.setPasted(e.target.value)}
          />
          <button className="rules-btn" onClick={st.usePasted}>
            Use this rule set
          </button>
        </div>
      )}
      {source === 'table' && (
        <div>
          {!st.draft ? (
            <button className="rules-btn" onClick={st.editCopy} disabled={!st.active}>
              Copy the rules in force into a table
            </button>
          ) : (
            <>
              <RuleTableEditor draft={st.draft} onChange={st.setDraft} />
              <div className="rules-row">
                <button className="rules-btn" onClick={st.useDraft}>
                  Use the edited rules
                </button>
                <button className="rules-btn" onClick={st.editCopy}>
                  Start again from the rules in force
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {st.candidateProblems.length > 0 && (
        <div className="rules-banner error" role="alert">
          This is not a rule set yet:
          <ul>
            {st.candidateProblems.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      )}
      {st.candidate && (
        <div className="rules-row">
          <strong>Candidate:</strong> <span data-testid="rules-candidate">{st.candidate.label}</span>
          <button className="rules-btn primary" disabled={st.preview.running} onClick={() => void st.runPreview()}>
            Preview against the whole history
          </button>
        </div>
      )}
      <JobProgress job={st.preview} what="events replayed" onCancel={() => void st.cancelPreview()} />
      {st.preview.error && <div className="rules-banner error">{st.preview.error}</div>}
      {p && <PreviewResults p={p} />}
      {p && !p.cancelled && <Activation store={store} result={p} />}
    </section>
  );
}

function PreviewResults({ p }: { p: PreviewResultRecord }) {
  const verdict = previewVerdict(p);
  const flood = verdict.kind === 'flood';
  return (
    <div data-testid="rules-preview-result">
      {p.cancelled && (
        <div className="rules-banner warn">
          Stopped after {formatCount(p.events)} events: the counts cover only those.
        </div>
      )}
      {flood && (
        <div className="rules-banner flood" role="alert" data-testid="rules-flood">
          <strong>{verdict.headline}</strong> {verdict.sentence} Do not activate these rules as they are.
        </div>
      )}
      {p.unknownStatuses.length > 0 && (
        <div className="rules-banner warn">
          The history uses statuses this rule set does not know: {p.unknownStatuses.join(', ')}. Every change into them
          would be illegal.
        </div>
      )}
      <div className="rules-cards">
        <div className="rules-card">
          <div>Events replayed</div>
          <div className="big">{formatCount(p.events)}</div>
        </div>
        <div className="rules-card">
          <div>Flagged by the rules in force ({p.current.ruleSet.key})</div>
          <div className="big" data-testid="rules-current-total">
            {formatCount(p.current.total)}
          </div>
        </div>
        <div className={`rules-card${p.flagged.total > p.current.total ? ' bad' : ''}`}>
          <div>Flagged by the candidate ({p.ruleSet.key})</div>
          <div className="big" data-testid="rules-candidate-total">
            {formatCount(p.flagged.total)}
          </div>
        </div>
        <div className={`rules-card${p.onlyCandidate.total > 0 ? ' bad' : ''}`}>
          <div>New alarms</div>
          <div className="big">{formatCount(p.onlyCandidate.total)}</div>
        </div>
        <div className={`rules-card${p.onlyCurrent.total > 0 ? ' good' : ''}`}>
          <div>Alarms that would go quiet</div>
          <div className="big">{formatCount(p.onlyCurrent.total)}</div>
        </div>
      </div>
      <Difference title="What the candidate would flag that the rules in force do not" d={p.onlyCandidate} />
      <Difference title="What the rules in force flag that the candidate would not" d={p.onlyCurrent} />
    </div>
  );
}

function Counts({
  title,
  counts,
  label = (k) => k,
}: {
  title: string;
  counts: Record<string, number>;
  label?: (key: string) => string;
}) {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return null;
  return (
    <table className="rules-table">
      <thead>
        <tr>
          <th>{title}</th>
          <th className="num">Anomalies</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 15).map(([k, n]) => (
          <tr key={k}>
            <td>{label(k)}</td>
            <td className="num">{formatCount(n)}</td>
          </tr>
        ))}
        {rows.length > 15 && (
          <tr>
            <td className="rules-muted" colSpan={2}>
              …and {rows.length - 15} more
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function Difference({ title, d }: { title: string; d: PreviewResultRecord['onlyCandidate'] }) {
  return (
    <section>
      <h3>
        {title}: {formatCount(d.total)}
      </h3>
      {d.total === 0 ? (
        <p className="rules-muted">Nothing.</p>
      ) : (
        <>
          <div className="rules-columns">
            <Counts title="By kind" counts={d.byKind} label={anomalyName} />
            <Counts title="By transition" counts={d.byTransition} />
            <Counts title="By initiator" counts={d.byInitiator} />
          </div>
          <h3>Examples</h3>
          <table className="rules-table">
            <thead>
              <tr>
                <th className="num">Seq</th>
                <th>Order</th>
                <th>Kind</th>
                <th>What</th>
                <th>Who</th>
              </tr>
            </thead>
            <tbody>
              {d.examples.map((x) => (
                <tr key={`${x.seq}-${x.kind}`}>
                  <td className="num">
                    <a
                      href={`#event-${x.seq}`}
                      onClick={(ev) => {
                        ev.preventDefault();
                        go('event', { seq: String(x.seq) });
                      }}
                    >
                      {x.seq}
                    </a>
                  </td>
                  <td>{x.orderId}</td>
                  <td>{anomalyName(x.kind)}</td>
                  <td>{x.message}</td>
                  <td>{x.initiator}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function Activation({ store, result }: { store: RulesStore; result: PreviewResultRecord }) {
  const st = useStore(store);
  const supervisor = st.operator?.role === 'Supervisor';
  const inForce = st.active?.key === result.ruleSet.key;
  const putBack = st.candidate?.source === 'history';
  const verb = putBack ? `Put ${result.ruleSet.key} back in force` : `Activate ${result.ruleSet.key}`;
  return (
    <section aria-label="Activate" className="rules-no-print">
      <h3>{putBack ? 'Put these rules back in force' : 'Put these rules in force'}</h3>
      {!supervisor ? (
        <p className="rules-muted">Only a Supervisor may change the rules in force.</p>
      ) : inForce ? (
        <p className="rules-muted">These rules are already in force.</p>
      ) : (
        <>
          <p>
            From the next event on, every event will be checked with {result.ruleSet.key}. Events already recorded keep
            the flags they have. A revert is activating the previous rules again (History).
          </p>
          <textarea
            aria-label={
              putBack
                ? `Why revert (at least ${MIN_REASON_LENGTH} characters)`
                : `Why these rules (at least ${MIN_REASON_LENGTH} characters)`
            }
            rows={2}
            placeholder={`Why these rules, now (at least ${MIN_REASON_LENGTH} characters)`}
            value={st.activation.reason}
            onChange={(e) => st.setReason(e.target.value)}
          />
          <div className="rules-row">
            <button
              className="rules-btn danger"
              disabled={st.activation.busy || !reasonRule(st.activation.reason).ok}
              onClick={() => st.askToActivate()}
            >
              {verb}…
            </button>
          </div>
        </>
      )}
      {st.activation.confirming && <ConfirmActivation store={store} result={st.activation.confirming} verb={verb} />}
      {st.activation.error && <div className="rules-banner error">{st.activation.error}</div>}
      {st.activation.done && <div className="rules-banner ok">{st.activation.done}</div>}
    </section>
  );
}

/** The last step: the preview's verdict and counts, said again where the Supervisor confirms. */
function ConfirmActivation({ store, result, verb }: { store: RulesStore; result: PreviewResultRecord; verb: string }) {
  const st = useStore(store);
  const verdict = previewVerdict(result);
  return (
    <Dialog title={`${verb}?`} onClose={() => st.cancelActivation()} testId="rules-confirm">
      <p className={`rules-banner ${verdict.kind === 'flood' ? 'flood' : verdict.kind === 'more' ? 'warn' : 'ok'}`}>
        <strong>{verdict.headline}</strong> {verdict.sentence}
      </p>
      <table className="rules-table">
        <tbody>
          <tr>
            <th scope="row">Events replayed</th>
            <td className="num">{formatCount(result.events)}</td>
          </tr>
          <tr>
            <th scope="row">Flagged by the rules in force ({result.current.ruleSet.key})</th>
            <td className="num">{formatCount(result.current.total)}</td>
          </tr>
          <tr>
            <th scope="row">Flagged by {result.ruleSet.key}</th>
            <td className="num">{formatCount(result.flagged.total)}</td>
          </tr>
          <tr>
            <th scope="row">New alarms</th>
            <td className="num">{formatCount(result.onlyCandidate.total)}</td>
          </tr>
          <tr>
            <th scope="row">Alarms that would go quiet</th>
            <td className="num">{formatCount(result.onlyCurrent.total)}</td>
          </tr>
        </tbody>
      </table>
      <p>
        Why: <em>{st.activation.reason.trim()}</em>
      </p>
      <div className="rules-row">
        <button className="rules-btn" onClick={() => st.cancelActivation()} autoFocus>
          Cancel
        </button>
        <button
          className="rules-btn danger"
          disabled={st.activation.busy}
          onClick={() => void st.activateCandidate()}
          data-testid="rules-confirm-activate"
        >
          {st.activation.busy ? 'Writing…' : `Confirm: ${verb.charAt(0).toLowerCase()}${verb.slice(1)}`}
        </button>
      </div>
    </Dialog>
  );
}
