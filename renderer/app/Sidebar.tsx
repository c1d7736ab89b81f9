/** Navigation, who is signed in, the theme, and the journal's size at a glance. */
import { offeredPages, type PageDef } from './pages';
import { go } from './router';
import { useSession } from './session';
import { useTheme } from './theme';
import { formatCount, workstationZone } from '../ui/format';
import { useOpenAnomalies } from '../inbox/openCount';

const SECTIONS: PageDef['section'][] = ['Ledger', 'Office', 'Journal file'];
const THEME_LABEL = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' } as const;

export function Sidebar({ current, onPalette }: { current: string; onPalette(): void }) {
  const { session, signOut } = useSession();
  const { choice, cycle } = useTheme();
  // In practice only what a trainee works with is offered: the views of the practice journal and Training.
  const offered = offeredPages(!!session?.practice);
  const open = useOpenAnomalies();
  const badgeOn = (id: string) => id === 'inbox' && open !== null && open > 0;
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
              .map((p) => {
                const badge = badgeOn(p.id);
                return (
                  <li key={p.id}>
                    <a
                      href={`#${p.id}`}
                      // The count is the link's description: its name stays the page's ("Anomalies").
                      {...(badgeOn(p.id) ? { 'aria-label': p.title, 'aria-describedby': 'nav-open-anomalies' } : {})}
                      aria-current={current === p.id ? 'page' : undefined}
                      onClick={(e) => {
                        e.preventDefault();
                        go(p.id);
                      }}
                    >
                      {p.title}
                      {badge && (
                        <span className="nav-badge" id="nav-open-anomalies" data-testid="nav-open-anomalies">
                          {formatCount(open!)}
                          <span className="visually-hidden"> open anomalies</span>
                        </span>
                      )}
                    </a>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
      <div className="sidebar-foot">
        {session && (
          <div className="small muted" title={session.journalPath}>
            {formatCount(session.events)} events
          </div>
        )}
        <div
          className="small muted"
          title="Times are shown as each event's clock wrote them, with its offset from UTC."
          data-testid="workstation-zone"
        >
          This workstation: {workstationZone()}
        </div>
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
