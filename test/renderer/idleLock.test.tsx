/**
 * A window whose session ended for going unused: it keeps the page it showed, under a prompt
 * for the same operator's password, and the page cannot be used meanwhile. And what counts as
 * using the window: a key or a click, sent at most every 30 s, only while signed in.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { useSession, type Session } from '../../renderer/app/session';
import { useRouter } from '../../renderer/app/router';
import { watchActivity } from '../../renderer/app/activity';

const CLEO = { id: 'cleo', name: 'Cleo Clerk', role: 'Clerk' as const };
const base: Session = {
  journalPath: '/srv/journal.db',
  hasOperators: true,
  operator: null,
  training: false,
  events: 24,
  practice: null,
  idleEnded: null,
};

/**
 * Server rendering reads a zustand store's initial state (there is no DOM in these tests), so
 * the state to show is put there, and taken out again after.
 */
function showing(session: Session, page: string): void {
  Object.assign(useSession.getInitialState(), { session, loading: false, error: null });
  Object.assign(useRouter.getInitialState(), { page, params: {} });
}

describe('the idle lock', () => {
  const sessionBefore = { ...useSession.getInitialState() };
  const routerBefore = { ...useRouter.getInitialState() };
  afterEach(() => {
    Object.assign(useSession.getInitialState(), sessionBefore);
    Object.assign(useRouter.getInitialState(), routerBefore);
  });

  it('shows the page the window was on under the password prompt, and the page is inert', () => {
    showing({ ...base, idleEnded: CLEO }, 'settings');
    const html = renderToStaticMarkup(<App />);
    expect(html).toContain('Signed out for inactivity');
    expect(html).toContain('Continue as cleo');
    expect(html).toContain('<h1>Settings</h1>');
    expect(html).toMatch(/<div class="shell" inert="">/);
    expect(html).not.toContain('signin-card');
  });

  it('asks who signs in when nobody was signed in', () => {
    showing(base, 'settings');
    const html = renderToStaticMarkup(<App />);
    expect(html).toContain('signin-card');
    expect(html).not.toContain('Signed out for inactivity');
  });

  it('sends stillHere on a key or a click, at most every 30 s, only while signed in', () => {
    const listeners = new Map<string, () => void>();
    const target = {
      addEventListener: (name: string, fn: () => void) => listeners.set(name, fn),
      removeEventListener: (name: string) => listeners.delete(name),
    } as unknown as Window;
    let now = 0;
    let signedIn = false;
    let sent = 0;
    const stop = watchActivity(
      () => ({ stillHere: () => (sent++, Promise.resolve({ ok: true as const })) }),
      () => signedIn,
      () => {},
      target,
      () => now,
    );
    listeners.get('keydown')!();
    expect(sent).toBe(0);
    signedIn = true;
    listeners.get('keydown')!();
    listeners.get('pointerdown')!();
    expect(sent).toBe(1);
    now += 30_000;
    listeners.get('wheel')!();
    expect(sent).toBe(2);
    stop();
    expect(listeners.size).toBe(0);
  });
});
