/**
 * A small marker for any list of events (the timeline, the order's history): on an office event,
 * which event it answers; on an answered event, which office events answered it. Together they
 * show the chain when a wrong correction was put right by another.
 */
import type { CorrectionChains } from '../../shared/corrections';

export interface CorrectionMarkerProps {
  eventId: string;
  chains: CorrectionChains;
  /** Jump to an event of the chain (optional: without it the markers are plain text). */
  onShow?: (seq: number) => void;
}

export function CorrectionMarker({ eventId, chains, onShow }: CorrectionMarkerProps) {
  const own = chains.byEventId.get(eventId);
  const answers = chains.answeredBy.get(eventId) ?? [];
  if (!own && answers.length === 0) return null;
  const ref = (seq: number | null, label: string) =>
    seq !== null && onShow ? (
      <button type="button" onClick={() => onShow(seq)} className="cx-link-button">
        {label}
      </button>
    ) : (
      label
    );
  return (
    <>
      {own && own.targetEventId !== null && (
        <span
          className="cx-marker"
          data-testid="correction-marker"
          title={`This office event answers event ${own.targetEventId}`}
        >
          {own.type === 'StatusCorrected' ? 'corrects ' : 'dismisses flag of '}
          {ref(own.targetSeq, own.targetSeq !== null ? `#${own.targetSeq}` : own.targetEventId)}
        </span>
      )}
      {answers.map((link) => (
        <span
          key={link.seq}
          className="cx-marker is-done"
          data-testid="correction-marker"
          title={`Answered by office event ${link.eventId}`}
        >
          {link.type === 'StatusCorrected' ? 'corrected by ' : 'dismissed by '}
          {ref(link.seq, `#${link.seq}`)}
        </span>
      ))}
    </>
  );
}
