/** Right after sign-in: what happened since you last signed in, in a line, with the way to the handover. */
import { useEffect, useState } from 'react';
import type { HandoverRecord } from '../../shared/contract/history';
import { ledger } from '../app/ledger';
import { go } from '../app/router';
import { formatTime } from '../ui/format';
import './history.css';
import { formatCount } from '../ui/format';

export function SinceNotice({ operatorId }: { operatorId: string }) {
  const [digest, setDigest] = useState<HandoverRecord | null>(null);
  const [closed, setClosed] = useState(false);
  useEffect(() => {
    let live = true;
    setClosed(false);
    // Silent when it fails: the notice is a courtesy, the Handover page says what went wrong.
    ledger()
      .handover({ onlySinceLastSignIn: true })
      .then(
        (d) => live && setDigest(d?.sinceLastSignIn ? d : null),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [operatorId]);
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
      <button className="btn small ghost" onClick={() => setClosed(true)} aria-label="Close the notice">
        ×
      </button>
    </div>
  );
}
