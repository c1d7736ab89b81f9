/** Right after sign-in: what happened since you last signed in, in a line, with the way to the handover. */
import { useState } from 'react';
import type { HandoverRecord } from '../../shared/contract/history';
import { useLedgerQuery } from '../app/queries';
import { go } from '../app/router';
import { formatTime } from '../ui/format';
import './history.css';
import { formatCount } from '../ui/format';

export function SinceNotice({ operatorId }: { operatorId: string }) {
  // Read once when the operator signs in, not again on every change: it says what had happened
  // by then. Silent when it fails: the notice is a courtesy, the Handover page says what went wrong.
  const read = useLedgerQuery('handover', { onlySinceLastSignIn: true }, { live: false });
  const digest: HandoverRecord | null = read.data?.sinceLastSignIn ? read.data : null;
  // Closed for the operator who closed it: the next one to sign in sees their own notice.
  const [closedFor, setClosedFor] = useState<string | null>(null);
  const closed = closedFor === operatorId;
  if (!digest || closed) return null;
  const n = digest.newAnomalies.total;
  return (
    <div className="since-notice" role="status">
      <span>
        Since you last signed in ({formatTime(digest.since)}): {n.error} new error(s), {n.warning} warning(s),{' '}
        {formatCount(digest.officeActions.length)} office action(s) (corrections, requests, rule or operator changes),{' '}
        {formatCount(digest.headSeq - digest.sinceSeq)} event(s).
      </span>
      <button className="btn small primary" onClick={() => go('handover')}>
        Open the handover
      </button>
      <button className="btn small ghost" onClick={() => setClosedFor(operatorId)} aria-label="Close the notice">
        ×
      </button>
    </div>
  );
}
