/**
 * Telling the journal worker that a person is at this window: a key or a click sends `stillHere`
 * (at most every 30 s), which is what keeps the session from ending for inactivity. The page's
 * own requests (reloads after pushes) do not count. While signed in, the session is also looked
 * at every 30 s, so a window left alone shows the password prompt without anyone touching it.
 */
import type { LedgerApi } from '../../shared/contract/channels';

export const STILL_HERE_EVERY_MS = 30_000;

export function watchActivity(
  api: () => Pick<LedgerApi, 'stillHere'>,
  signedIn: () => boolean,
  refresh: () => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = Date.now,
): () => void {
  let last = -Infinity;
  const used = () => {
    if (!signedIn() || now() - last < STILL_HERE_EVERY_MS) return;
    last = now();
    // A refusal means the session has ended already: the next look at it shows the prompt.
    api()
      .stillHere({})
      .catch(() => refresh());
  };
  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  for (const name of events) target.addEventListener(name, used, { capture: true, passive: true });
  const timer = setInterval(() => signedIn() && refresh(), STILL_HERE_EVERY_MS);
  return () => {
    clearInterval(timer);
    for (const name of events) target.removeEventListener(name, used, { capture: true });
  };
}
