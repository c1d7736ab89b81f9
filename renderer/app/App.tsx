/**
 * The shell: sign-in until someone is signed in, then a sidebar of pages, the page itself,
 * and what floats above every page (the command palette, the correction form, toasts).
 */
import { useEffect, useState } from 'react';
import { CorrectionDialog } from '../corrections';
import { TrainingBand, TrainingPage } from '../training';
import { subscribeExportNotices } from '../export';
import { ledger } from './ledger';
import { subscribeLive } from './live';
import { subscribeJobs } from './jobs';
import { useSession } from './session';
import { useRouter, go } from './router';
import { pageById } from './pages';
import { SignIn } from './SignIn';
import { Sidebar } from './Sidebar';
import { CommandPalette } from './CommandPalette';
import { Toasts } from './Toasts';
import { FirstRun } from './FirstRun';
import { toast } from './toasts';
import { ErrorNote } from '../ui/Dialog';
import { ErrorBoundary } from '../ui/ErrorBoundary';

export function App() {
  const { session, loading, error, refresh } = useSession();
  const { page, params } = useRouter();
  const [palette, setPalette] = useState(false);

  useEffect(() => {
    void refresh();
    const api = ledger();
    const offLive = subscribeLive(api);
    const offJobs = subscribeJobs(api);
    const offSession = api.on('journalChanged', () => void useSession.getState().refresh());
    const offErrors = api.on('newErrorAnomalies', (p) => {
      const first = p.examples[0];
      const text = `${p.count} new error anomal${p.count === 1 ? 'y' : 'ies'}${first ? `: order ${first.orderId} — ${first.message}` : ''}`;
      toast('error', text);
      notify('Warehouse Ledger', text);
    });
    const offExports = subscribeExportNotices(api, { toast, notify });
    return () => {
      offLive();
      offJobs();
      offSession();
      offErrors();
      offExports();
    };
  }, [refresh]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette(true);
      } else if (e.altKey && e.key === 'ArrowLeft') {
        e.preventDefault();
        useRouter.getState().back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (loading && !session) return <div className="boot muted">Opening the journal…</div>;
  if (!session) return <ErrorNote message={error ?? 'The journal could not be opened.'} />;
  if (!session.operator) return <SignIn hasOperators={session.hasOperators} journalPath={session.journalPath} />;
  // A Trainee signs in to training only: no other page is offered (and the channels refuse them).
  if (session.operator.role === 'Trainee') {
    return <TrainingPage onSignOut={() => void useSession.getState().signOut()} />;
  }

  const def = pageById(page) ?? pageById('journal')!;
  const empty = session.events === 0 && !session.training;
  return (
    <div className={session.training ? 'shell training' : 'shell'}>
      {session.training && <TrainingBand operatorName={session.operator.name} />}
      <Sidebar current={def.hidden ? '' : def.id} onPalette={() => setPalette(true)} />
      <main className="content" aria-label={def.title}>
        <ErrorBoundary resetKey={`${page}:${JSON.stringify(params)}`}>
          {empty && (def.id === 'journal' || def.id === 'orders') ? <FirstRun /> : def.render(params)}
        </ErrorBoundary>
      </main>
      {palette && <CommandPalette onClose={() => setPalette(false)} />}
      <ErrorBoundary resetKey={page} what="The correction form">
        <CorrectionDialog />
      </ErrorBoundary>
      <Toasts />
    </div>
  );
}

/** A desktop notification, when the system allows it; the toast is shown either way. */
function notify(title: string, body: string): void {
  const N = (globalThis as { Notification?: typeof Notification }).Notification;
  if (!N) return;
  if (N.permission === 'granted') new N(title, { body });
  else if (N.permission === 'default')
    void N.requestPermission().then((p) => p === 'granted' && new N(title, { body }));
}

export { go };
