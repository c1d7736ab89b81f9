/** How many anomalies are open, for the sidebar's badge: read again whenever the journal changes. */
import { useEffect, useState } from 'react';
import { ledger } from '../app/ledger';
import { useLive } from '../app/live';
import { useSession } from '../app/session';

export function useOpenAnomalies(): number | null {
  const revision = useLive((s) => s.revision);
  const signedIn = useSession((s) => !!s.session?.operator);
  const practice = useSession((s) => s.session?.practice?.scenarioId ?? null);
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!signedIn) return setCount(null);
    let live = true;
    ledger()
      .anomalyTotals({ open: true })
      .then(
        (t) => live && setCount(t.total),
        // A badge is a hint: a window that may not read the inbox shows none.
        () => live && setCount(null),
      );
    return () => {
      live = false;
    };
  }, [revision, signedIn, practice]);
  return count;
}
