/**
 * Workstation settings: where the main system drops its files; who may sign in; the journal's checks
 * (verify, and a Supervisor's rebuild of the projections); how the app looks.
 */
import { useEffect, useState } from 'react';
import { ledger, messageOf } from '../app/ledger';
import { useSession } from '../app/session';
import { useTheme, type ThemeChoice } from '../app/theme';
import { toast } from '../app/toasts';
import { ErrorNote } from '../ui/Dialog';
import { JournalChecksSection } from './JournalChecksSection';
import { OperatorsSection } from './OperatorsSection';
import { SignInSection } from './SignInSection';
import { isSupervisor } from '../../shared/corrections/decide';
import { IMPORT_FOLDER_FROM_COMMAND_LINE } from '../../shared/contract/constants';

export function SettingsPage() {
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const supervisor = useSession((s) => isSupervisor(s.session?.operator?.role));
  const journalPath = useSession((s) => s.session?.journalPath ?? '');
  const { choice, set } = useTheme();
  // A folder dialog of the main process (Electron); the browser host has none.
  const [canChoose, setCanChoose] = useState(false);

  useEffect(() => {
    setCanChoose(ledger().canChooseFolders === true);
    ledger()
      .getSettings({})
      .then(
        (s) => setSaved(s.inboxFolder),
        (e: unknown) => setError(messageOf(e)),
      );
  }, []);

  // The folder is never typed or sent: the main process asks for it in a native dialog.
  const choose = async () => {
    setError(null);
    setBusy(true);
    try {
      const s = await ledger().chooseImportFolder();
      if (s) {
        setSaved(s.inboxFolder);
        toast('ok', s.inboxFolder ? `Watching ${s.inboxFolder}` : 'The import folder is off.');
      }
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const turnOff = async () => {
    setError(null);
    setBusy(true);
    try {
      const s = await ledger().setSettings({ inboxFolder: null });
      setSaved(s.inboxFolder);
      toast('ok', 'The import folder is off.');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>Settings</h1>
      </header>
      <ImportFolderCard
        folder={saved}
        supervisor={supervisor}
        canChoose={canChoose}
        busy={busy}
        error={error}
        onChoose={() => void choose()}
        onTurnOff={() => void turnOff()}
      />
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

/**
 * The watched import folder, shown read-only: it is never typed. A Supervisor under Electron picks
 * it in the main process's folder dialog; the browser host says it is set from the command line.
 */
export function ImportFolderCard({
  folder,
  supervisor,
  canChoose,
  busy,
  error,
  onChoose,
  onTurnOff,
}: {
  folder: string | null;
  supervisor: boolean;
  canChoose: boolean;
  busy: boolean;
  error: string | null;
  onChoose: () => void;
  onTurnOff: () => void;
}) {
  return (
    <section className="card settings" aria-labelledby="import-folder-title">
      <h2 id="import-folder-title">Import folder</h2>
      <p className="muted small">
        The main system drops NDJSON or CSV files here. Each new file is imported once it is completely written, then
        moved to <code>processed/</code> (or <code>rejected/</code> when no line was usable).
      </p>
      <div className="export-destination" data-testid="import-folder">
        <span className="export-destination-label">Folder</span>
        <span className={folder ? 'mono' : 'muted'} data-testid="import-folder-path">
          {folder ?? 'off (no folder chosen)'}
        </span>
      </div>
      <div className="actions">
        {canChoose && supervisor && (
          <button
            className="btn primary"
            type="button"
            disabled={busy}
            onClick={onChoose}
            data-testid="import-choose-folder"
          >
            Choose folder…
          </button>
        )}
        {supervisor && folder !== null && (
          <button className="btn" type="button" disabled={busy} onClick={onTurnOff}>
            Turn off
          </button>
        )}
        {!supervisor && <span className="muted small">Only a Supervisor may change the import folder.</span>}
      </div>
      {!canChoose && (
        <p className="muted small" data-testid="import-folder-cli">
          {IMPORT_FOLDER_FROM_COMMAND_LINE}
        </p>
      )}
      <ErrorNote message={error} />
    </section>
  );
}
