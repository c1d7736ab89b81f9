/**
 * The shift handover: what happened since a time (by default since you last signed in), section
 * by section, each empty one saying so. Printable: the browser's print leaves the app's chrome out.
 */
import { useState } from 'react';
import type { HandoverRecord } from '../../shared/contract/history';
import { messageOf } from '../app/ledger';
import { useLedgerQuery } from '../app/queries';
import { go } from '../app/router';
import { ErrorNote } from '../ui/Dialog';
import { formatCount, formatTime, localInputToIso, sentence } from '../ui/format';
import './history.css';

export function HandoverPage() {
  const [since, setSince] = useState<string | undefined>(undefined);
  const [input, setInput] = useState('');
  // Another "since" shows the last digest until its own arrives.
  const read = useLedgerQuery('handover', since === undefined ? {} : { since }, { keepPrevious: true });
  const digest: HandoverRecord | null = read.data ?? null;
  const error = read.error ? messageOf(read.error) : null;

  return (
    <div className="page handover-page">
      <header className="page-head">
        <h1>Handover</h1>
        <span className="muted">
          {digest &&
            (digest.sinceLastSignIn
              ? `Since you last signed in, ${formatTime(digest.since)}`
              : `Since ${formatTime(digest.since)}`)}
        </span>
        <span className="spacer" />
        <form
          className="no-print as-of-picker"
          onSubmit={(e) => {
            e.preventDefault();
            const iso = localInputToIso(input);
            if (iso) setSince(iso);
          }}
        >
          <label htmlFor="handover-since">Since</label>
          <input id="handover-since" type="datetime-local" value={input} onChange={(e) => setInput(e.target.value)} />
          <button className="btn small" type="submit">
            Show
          </button>
          {since !== undefined && (
            <button className="btn small ghost" type="button" onClick={() => setSince(undefined)}>
              Since my last sign-in
            </button>
          )}
        </form>
        <button className="btn no-print" onClick={() => window.print()}>
          Print
        </button>
      </header>
      <ErrorNote message={error} />
      {!digest && !error && <p className="muted">Reading the journal…</p>}
      {digest && <Digest d={digest} />}
    </div>
  );
}

function Section({ title, empty, children }: { title: string; empty: string | null; children?: React.ReactNode }) {
  return (
    <section className="handover-section" aria-label={title}>
      <h2>{title}</h2>
      {empty !== null ? <p className="muted">{empty}</p> : children}
    </section>
  );
}

function Digest({ d }: { d: HandoverRecord }) {
  const n = d.newAnomalies.total;
  const c = d.carriedOver.total;
  const a = d.anchoring;
  return (
    <>
      <p className="muted small">
        Journal positions #{d.sinceSeq} to #{d.headSeq}: {d.headSeq - d.sinceSeq} event(s) recorded since.
      </p>
      <Section
        title={`New anomalies: ${n.error} error(s), ${n.warning} warning(s)`}
        empty={d.newAnomalies.rows.length === 0 ? 'No new anomalies.' : null}
      >
        <table className="history-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Order</th>
              <th>Severity</th>
              <th>What</th>
              <th>By</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {d.newAnomalies.rows.map((r) => (
              <tr key={r.id}>
                <td>{r.seq}</td>
                <td>
                  <a
                    href={`#order/${r.orderId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      go('order', { orderId: r.orderId });
                    }}
                  >
                    {r.orderId}
                  </a>
                </td>
                <td>{r.severity}</td>
                <td>{sentence(r.message)}</td>
                <td>{r.initiatedBy.name ?? r.initiatedBy.id}</td>
                <td>{r.open ? 'open' : 'resolved'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.newAnomalies.truncated && (
          <p className="muted small">The newest {formatCount(d.newAnomalies.rows.length)} are listed.</p>
        )}
      </Section>
      <Section
        title="Corrections, requests, rule and operator changes"
        empty={
          d.officeActions.length === 0 && d.operatorsAdded.length === 0
            ? 'Nobody corrected, dismissed, asked for a correction, or changed the rules or the operators.'
            : null
        }
      >
        <ul>
          {d.officeActions.map((x) => (
            <li key={x.seq}>
              <strong>{x.by.name ?? x.by.id}</strong> at {formatTime(x.timestamp)}
              {x.orderId === null ? '' : `, order ${x.orderId}`}: {x.what} — “{x.reason}”
            </li>
          ))}
          {d.operatorsAdded.map((o) => (
            <li key={`added-${o.id}`}>
              <strong>{o.name}</strong> ({o.role}, {o.id}) added as an operator at {formatTime(o.at)}
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title="Correction requests waiting"
        empty={d.requestsWaiting.length === 0 ? 'No correction request is waiting.' : null}
      >
        <ul>
          {d.requestsWaiting.map((r) => (
            <li key={r.seq}>
              <strong>{r.requestedBy.name ?? r.requestedBy.id}</strong> at {formatTime(r.timestamp)}, order {r.orderId}:
              set to {r.status} (corrects {r.correctsEventId}) — “{r.reason}”
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Imports" empty={d.imports.length === 0 ? 'Nothing was imported.' : null}>
        <ul>
          {d.imports.map((i) => (
            <li key={i.source}>
              {i.source}: {formatCount(i.events)} event(s), #{i.fromSeq}–#{i.toSeq}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Refused lines" empty={d.refused.length === 0 ? 'No line was refused.' : null}>
        <ul>
          {d.refused.map((f) => (
            <li key={f.file}>
              {f.file}: {f.lines} line(s)
              <ul>
                {f.first.map((l) => (
                  <li key={l.line} className="small">
                    line {l.line}: {l.reason}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Exports to corporate" empty={null}>
        {d.exports.length === 0 ? (
          <p className="muted">No export since.</p>
        ) : (
          <ul>
            {d.exports.map((e) => (
              <li key={e.bundle}>
                {formatTime(e.at)} {e.bundle}: #{e.fromSeq}–#{e.toSeq} ({formatCount(e.events)} events)
              </li>
            ))}
          </ul>
        )}
        <p>
          {a.lastExport
            ? `Last anchored at #${a.lastExport.toSeq}, ${formatTime(a.lastExport.at)}; ${a.unanchored} event(s) recorded since.`
            : `Never exported: ${a.unanchored} event(s) not yet with corporate.`}
        </p>
      </Section>
      <Section
        title={`Carried over: ${c.error} error(s), ${c.warning} warning(s) still open`}
        empty={d.carriedOver.rows.length === 0 ? 'Nothing open was carried over.' : null}
      >
        <ul>
          {d.carriedOver.rows.slice(0, 50).map((r) => (
            <li key={r.id}>
              #{r.seq} order {r.orderId}: {sentence(r.message)}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
