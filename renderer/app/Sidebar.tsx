/** Navigation, who is signed in, the theme, and the journal's size at a glance. */
import { offeredPages, type PageDef } from './pages';
import { go } from './router';
import { useSession } from './session';
import { useTheme } from './theme';
import { formatCount } from '../ui/format';

const SECTIONS: PageDef['section'][] = ['Ledger', 'Office', 'Journal file'];
const THEME_LABEL = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' } as const;

export function Sidebar({ current, onPalette }: { current: string; onPalette(): void }) {
  const { session, signOut } = useSession();
  const { choice, cycle } = useTheme();
  // In practice only what a trainee works with is offered: the views of the practice journal and Training.
  const offered = offeredPages(!!session?.practice);
  return (
    <nav className="sidebar" aria-label="Pages">
      <div className="brand">
        <span className="brand-mark small" aria-hidden="true">
          WL
        </span>
        <span>Warehouse Ledger</span>
      </div>
      <button className="palette-button" onClick={onPalette} aria-keyshortcuts="Control+K">
        <span>Go to order…</span>
        <kbd>Ctrl K</kbd>
      </button>
      {SECTIONS.filter((section) => offered.some((p) => p.section === section)).map((section) => (
        <div key={section} className="nav-section">
          <div className="nav-title">{section}</div>
          <ul>
            {offered
              .filter((p) => p.section === section)
              .map((p) => (
                <li key={p.id}>
                  <a
                    href={`#${p.id}`}
                    aria-current={current === p.id ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      go(p.id);
                    }}
                  >
                    {p.title}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      ))}
      <div className="sidebar-foot">
        {session && (
          <div className="small muted" title={session.journalPath}>
            {formatCount(session.events)} events
          </div>
        )}
        {session?.operator && (
          <div className="who">
            <div>
              <div className="who-name">{session.operator.name}</div>
              <div className="small muted">
                {session.operator.id} · {session.operator.role}
              </div>
            </div>
            <button className="btn ghost small" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
        <button className="btn ghost small" onClick={cycle} aria-label={THEME_LABEL[choice]}>
          {THEME_LABEL[choice]}
        </button>
      </div>
    </nav>
  );
}
