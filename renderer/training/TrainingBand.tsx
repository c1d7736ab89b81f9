/**
 * The constant TRAINING marker: on top of every screen while training, whatever the view, so
 * practice can never be mistaken for the real journal. While a scenario is practised in the
 * regular views, it carries the scenario's question and the ways to answer "no correction
 * needed", to see the result, and to leave practice.
 */
import { useLayoutEffect, useRef } from 'react';

/**
 * The band's height, kept in the CSS variable `--wl-training-band` on the document root while it is
 * shown: the overlays (the correction form, the palette) start below it, so the band never hides
 * their title or Close button, and they never hide the band.
 */
export const BAND_HEIGHT_VAR = '--wl-training-band';

function useBandHeight() {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const root = document.documentElement;
    if (!el) return;
    const measure = () => root.style.setProperty(BAND_HEIGHT_VAR, `${Math.ceil(el.getBoundingClientRect().height)}px`);
    measure();
    const Observer = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    const observer = Observer ? new Observer(measure) : undefined;
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      root.style.removeProperty(BAND_HEIGHT_VAR);
    };
  }, []);
  return ref;
}

export interface BandPractice {
  title: string;
  question: string;
  /** The scenario has been answered: its result can be seen, it cannot be answered again. */
  answered: boolean;
}

export function TrainingBand({
  operatorName,
  practice,
  busy = false,
  onNoCorrection,
  onResult,
  onLeave,
  onSignOut,
}: {
  operatorName?: string | undefined;
  /** The scenario practised in the regular views, if any. */
  practice?: BandPractice | null | undefined;
  busy?: boolean;
  onNoCorrection?: (() => void) | undefined;
  /** Go to the result of the answered scenario; not given on the result page itself (no button then). */
  onResult?: (() => void) | undefined;
  /** Back to the scenarios (and the real journal). */
  onLeave?: (() => void) | undefined;
  /** Shown when training is the whole app (a Trainee's session): the way out is here. */
  onSignOut?: (() => void) | undefined;
}) {
  const ref = useBandHeight();
  return (
    <div ref={ref} role="status" aria-label="Training mode" data-testid="training-band" className="tr-band">
      <div className="tr-band-line">
        <span className="tr-band-word">TRAINING</span>
        <span>Practice journal — nothing you do here reaches the real journal or an export.</span>
        {operatorName ? <span className="tr-band-who">Practising: {operatorName}</span> : null}
        {onSignOut ? (
          <button type="button" onClick={onSignOut} className="tr-band-button">
            Sign out
          </button>
        ) : null}
      </div>
      {practice ? (
        <div className="tr-band-question">
          <span data-testid="training-question" className="tr-band-text">
            <strong>{practice.title}:</strong> {practice.question}
          </span>
          <span className="tr-band-actions">
            {practice.answered ? (
              onResult ? (
                <button type="button" className="tr-band-button" onClick={onResult}>
                  See the result
                </button>
              ) : null
            ) : (
              <button
                type="button"
                className="tr-band-button"
                onClick={onNoCorrection}
                disabled={busy}
                title="Answer that nothing in this history is wrong"
              >
                No correction needed
              </button>
            )}
            <button type="button" className="tr-band-button" onClick={onLeave} disabled={busy}>
              Leave practice
            </button>
          </span>
        </div>
      ) : null}
    </div>
  );
}
