/**
 * The shell: sign-in until someone is signed in, then a sidebar of pages, the page itself,
 * and what floats above every page (the command palette, the correction form, toasts).
 *
 * Training: a Trainee who is not practising sees the training page only. A window in practice
 * (a Trainee's or a Supervisor's) gets the regular shell on the training journal, the sidebar
 * kept to what a trainee works with, and the TRAINING band with the scenario's question on top.
 */
import { useEffect, useRef, useState } from 'react';
import { CorrectionDialog, useCorrectionForm } from '../corrections';
import { correctionForm } from '../corrections/formInstance';
import {
  answerNoCorrection,
  journalSwitched,
  leavePractice,
  PRACTICE_PAGES,
  RESULT_PAGE,
  TrainingBand,
  TrainingPage,
} from '../training';
import { subscribeExportNotices } from '../export';
import { ledger } from './ledger';
import { subscribeLive } from './live';
import { subscribeJobs } from './jobs';
import { readSessionEarly, useSession } from './session';
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
import { IdleLock } from './IdleLock';
import { watchActivity } from './activity';
import { AS_OF_PAGES, PastBanner, SinceNotice, useAsOf } from '../history';
import { formatCount } from '../ui/format';

export function App() {
  const { session, loading, error, signIns } = useSession();
  const { page, params } = useRouter();
  const [palette, setPalette] = useState(false);
  const [answering, setAnswering] = useState(false);

  useEffect(() => {
    // Asked for at start-up already (../boot.ts): this takes that answer rather than asking again.
    void readSessionEarly();
    const api = ledger();
    const offLive = subscribeLive(api);
    const offJobs = subscribeJobs(api);
    const offSession = api.on('journalChanged', () => void useSession.getState().refresh());
    const offErrors = api.on('newErrorAnomalies', (p) => {
      // The real journal's news is for its operators: not before sign-in, not for a window in training.
      const now = useSession.getState().session;
      if (!now?.operator || now.practice || now.operator.role === 'Trainee') return;
      const first = p.examples[0];
      const text = `${formatCount(p.count)} new error anomal${p.count === 1 ? 'y' : 'ies'}${first ? `: order ${first.orderId} — ${first.message}` : ''}`;
      toast('error', text);
      notify('Warehouse Ledger', text);
    });
    const offExports = subscribeExportNotices(api, { toast, notify });
    const offActivity = watchActivity(
      ledger,
      () => !!useSession.getState().session?.operator,
      () => void useSession.getState().refresh(),
    );
    // A write of the correction form may be a practice answer: the session then carries its grade.
    const offWritten = correctionForm.subscribe((now, before) => {
      if (now.written && now.written !== before.written) void useSession.getState().refresh();
    });
    return () => {
      offActivity();
      offWritten();
      offLive();
      offJobs();
      offSession();
      offErrors();
      offExports();
    };
  }, []);

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

  // The views keep rows of the journal they read: another journal, practice or operator starts them over.
  const practice = session?.practice ?? null;
  const journalOf = session ? `${session.journalPath}|${practice?.startedAt ?? ''}` : '';
  const reader = (session?.operator ?? session?.idleEnded)?.id ?? '';
  const journalKey = session ? `${journalOf}|${reader}` : '';
  const shown = useRef({ key: journalKey, journal: journalOf, reader });
  useEffect(() => {
    const before = shown.current;
    if (journalKey === before.key) return;
    shown.current = { key: journalKey, journal: journalOf, reader };
    // The first session of the window is no switch: nothing was read yet from another journal.
    // Nor is a sign-in to the journal nobody was signed in to: nothing is read for nobody, and
    // the sign-out before it switched already. (Switching then would read everything the
    // signed-in page has just asked for a second time.)
    if (before.key === '' || (before.reader === '' && before.journal === journalOf)) return;
    journalSwitched();
    // The past picked belongs to the journal it was picked in.
    useAsOf.getState().clear();
  }, [journalKey, journalOf, reader]);

  // A new answer to the practice: the form has done its part; show the grade and the explanation.
  const answeredAt = practice?.result?.attempt.answeredAt ?? null;
  const shownAnswer = useRef<string | null>(null);
  useEffect(() => {
    if (answeredAt && answeredAt !== shownAnswer.current) {
      useCorrectionForm.getState().close();
      go(RESULT_PAGE);
    }
    shownAnswer.current = answeredAt;
  }, [answeredAt]);

  if (loading && !session) return <div className="boot muted">Opening the journal…</div>;
  if (!session) return <ErrorNote message={error ?? 'The journal could not be opened.'} />;
  // A session that ended for inactivity keeps its page, under the prompt for the same password.
  const operator = session.operator ?? session.idleEnded ?? null;
  if (!operator) return <SignIn hasOperators={session.hasOperators} journalPath={session.journalPath} />;
  const locked = !session.operator;
  const lock = locked && <IdleLock operator={operator} />;

  const band = (
    <TrainingBand
      operatorName={operator.name}
      practice={practice && { title: practice.title, question: practice.question, answered: practice.result !== null }}
      busy={answering}
      onNoCorrection={() => {
        if (!practice) return;
        setAnswering(true);
        void answerNoCorrection(practice.scenarioId).finally(() => setAnswering(false));
      }}
      onResult={page === RESULT_PAGE ? undefined : () => go(RESULT_PAGE)}
      onLeave={() => void leavePractice()}
      onSignOut={practice ? undefined : () => void useSession.getState().signOut()}
    />
  );
  // A Trainee who is not practising sees training only (and the channels refuse them the rest).
  if (operator.role === 'Trainee' && !practice) {
    return (
      <div className="training-only" inert={locked}>
        {band}
        <main aria-label="Training">
          <TrainingPage />
        </main>
        <Toasts />
        {lock}
      </div>
    );
  }

  // In practice, a page that is not part of it shows the scenario's order instead.
  const asked = pageById(page) ?? pageById('journal')!;
  const allowed = !practice || PRACTICE_PAGES.has(asked.id);
  const def = allowed ? asked : pageById('order')!;
  const shownParams = allowed ? params : { orderId: practice.orderId };
  const empty = session.events === 0 && !session.training;
  return (
    <>
      <div className={session.training ? 'shell training' : 'shell'} inert={locked}>
        {session.training && band}
        {/* The first stop of the Tab key: past the sidebar, straight to the page. */}
        <a
          className="skip-link"
          href="#main-content"
          onClick={(e) => {
            e.preventDefault();
            document.getElementById('main-content')?.focus();
          }}
        >
          Skip to the page
        </a>
        <Sidebar current={def.hidden ? '' : def.id} onPalette={() => setPalette(true)} />
        <main className="content" aria-label={def.title} id="main-content" tabIndex={-1}>
          {!session.training && <SinceNotice operatorId={operator.id} />}
          {AS_OF_PAGES.has(def.id) && <PastBanner />}
          {/* After the password again the page is mounted afresh, so it reloads what it shows. */}
          <ErrorBoundary key={signIns} resetKey={`${page}:${JSON.stringify(params)}`}>
            {empty && (def.id === 'journal' || def.id === 'orders') ? <FirstRun /> : def.render(shownParams)}
          </ErrorBoundary>
        </main>
        {palette && <CommandPalette onClose={() => setPalette(false)} />}
        <ErrorBoundary resetKey={page} what="The correction form">
          <CorrectionDialog />
        </ErrorBoundary>
        <Toasts />
      </div>
      {lock}
    </>
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
