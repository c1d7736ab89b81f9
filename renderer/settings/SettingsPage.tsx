/**
 * Workstation settings: where the main system drops its files; who may sign in; the journal's checks
 * (verify, and a Supervisor's rebuild of the projections); how the app looks.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ledger, messageOf } from '../app/ledger';
import { useSession } from '../app/session';
import { useTheme, type ThemeChoice } from '../app/theme';
import { toast } from '../app/toasts';
import { ErrorNote } from '../ui/Dialog';
import { JournalChecksSection } from './JournalChecksSection';
import { OperatorsSection } from './OperatorsSection';
import { SignInSection } from './SignInSection';
import { isSupervisor } from '../../shared/corrections/decide';

export function SettingsPage() {
  const [folder, setFolder] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const supervisor = useSession((s) => isSupervisor(s.session?.operator?.role));
  const journalPath = useSession((s) => s.session?.journalPath ?? '');
  const { choice, set } = useTheme();

  useEffect(() => {
    ledger()
      .getSettings({})
      .then(
        (s) => {
          setFolder(s.inboxFolder ?? '');
          setSaved(s.inboxFolder);
        },
        (e: unknown) => setError(messageOf(e)),
      );
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const s = await ledger().setSettings({ inboxFolder: folder.trim() || null });
      setSaved(s.inboxFolder);
      toast('ok', s.inboxFolder ? `Watching ${s.inboxFolder}` : 'The inbox folder is off.');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>Settings</h1>
      </header>
      <form className="card settings" onSubmit={save} aria-labelledby="inbox-title">
        <h2 id="inbox-title">Inbox folder</h2>
        <p className="muted small">
          The main system drops NDJSON or CSV files here. Each new file is imported once it is completely written, then
          moved to <code>processed/</code> (or <code>rejected/</code> when no line was usable).
        </p>
        <label>
          Folder
          <input
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="/srv/warehouse/inbox"
            disabled={!supervisor}
          />
        </label>
        <div className="actions">
          <button className="btn primary" type="submit" disabled={!supervisor || (folder.trim() || null) === saved}>
            Save
          </button>
          {!supervisor && <span className="muted small">Only a Supervisor may change the inbox folder.</span>}
        </div>
        <ErrorNote message={error} />
      </form>
      <OperatorsSection supervisor={supervisor} />
      <SignInSection supervisor={supervisor} />
      <JournalChecksSection supervisor={supervisor} />
      <section className="card settings" aria-labelledby="look-title">
        <h2 id="look-title">Appearance</h2>
        <div className="chips" role="radiogroup" aria-label="Theme">
          {(['system', 'light', 'dark'] as ThemeChoice[]).map((c) => (
            <button key={c} className="chip" role="radio" aria-checked={choice === c} onClick={() => set(c)}>
              {c === 'system' ? 'Follow the system' : c === 'light' ? 'Light' : 'Dark'}
            </button>
          ))}
        </div>
      </section>
      <section className="card settings" aria-labelledby="journal-title">
        <h2 id="journal-title">Journal file</h2>
        <p className="mono small">{journalPath}</p>
      </section>
    </div>
  );
}
