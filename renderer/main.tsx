/** The renderer's entry: connect to the journal (whichever transport), then show the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectLedger } from './ledger';
import { setLedger } from './app/ledger';
import { initTheme } from './app/theme';
import { App } from './app/App';
import './app/app.css';

initTheme();
setLedger(connectLedger());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
