/**
 * A window's first requests, made before the rest of the renderer is evaluated: main.tsx imports
 * this module first, so the session check and (on the journal view, where a window starts) the
 * newest page of rows are on their way while React and the pages are evaluated and the shell
 * renders. The shell takes both answers when it mounts instead of asking again, and shows the
 * session once the rows are in too, so its first render has them.
 */
import { connectLedger } from './ledger';
import { ledger, setLedger } from './app/ledger';
import { readSessionEarly } from './app/session';
import { useRouter } from './app/router';
import { useJournalView } from './journal/store';

setLedger(connectLedger());
const rows = useRouter.getState().page === 'journal' ? useJournalView.getState().readFirstPageEarly(ledger) : undefined;
void readSessionEarly(rows);
