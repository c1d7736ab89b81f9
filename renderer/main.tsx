/** The renderer's entry: connect to the journal (whichever transport), then show the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LedgerApi } from '../shared/contract/channels';
import { setLedger } from './app/ledger';
import { initTheme } from './app/theme';
import { App } from './app/App';
import './app/app.css';

function connect(): LedgerApi {
  // The preload (Electron) or the browser host's script puts the journal on window.ledger.
  const ledger = (globalThis as { ledger?: LedgerApi }).ledger;
  if (!ledger) throw new Error('window.ledger is missing: the preload (or the browser host) did not load.');
  return ledger;
}

initTheme();
setLedger(connect());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
