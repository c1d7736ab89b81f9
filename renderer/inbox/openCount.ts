/** How many anomalies are open, for the sidebar's badge: read again whenever the journal changes. */
import { useLedgerQuery } from '../app/queries';
import { useSession } from '../app/session';

export function useOpenAnomalies(): number | null {
  const signedIn = useSession((s) => !!s.session?.operator);
  const totals = useLedgerQuery('anomalyTotals', { open: true }, { enabled: signedIn });
  // A badge is a hint: a window that may not read the inbox shows none.
  return signedIn && totals.data && !totals.error ? totals.data.total : null;
}
