/** The renderer's entry: connect to the journal (whichever transport), then show the app. */
// First, before React and the pages are evaluated: the transport and the window's first requests.
import './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initTheme } from './app/theme';
import { App } from './app/App';
import './app/app.css';

initTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
