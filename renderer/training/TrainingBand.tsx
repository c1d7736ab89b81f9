/**
 * The constant TRAINING marker: shown at the top of every training screen, whatever the view,
 * so practice can never be mistaken for the real journal.
 */
import { t } from './styles';

export function TrainingBand({
  operatorName,
  onSignOut,
}: {
  operatorName?: string | undefined;
  /** Shown when training is the whole app (a Trainee's session): the way out is here. */
  onSignOut?: (() => void) | undefined;
}) {
  return (
    <div role="status" aria-label="Training mode" data-testid="training-band" style={t.band}>
      <span style={t.bandWord}>TRAINING</span>
      <span>Practice journal — nothing you do here reaches the real journal or an export.</span>
      {operatorName ? <span style={{ marginLeft: 'auto' }}>Practising: {operatorName}</span> : null}
      {onSignOut ? (
        <button type="button" onClick={onSignOut} style={t.bandButton}>
          Sign out
        </button>
      ) : null}
    </div>
  );
}
