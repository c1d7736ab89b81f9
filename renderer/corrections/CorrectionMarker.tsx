/**
 * A small marker for any list of events (the timeline, the order's history): on an office event,
 * which event it answers; on an answered event, which office events answered it. Together they
 * show the chain when a wrong correction was put right by another.
 */
import type { CorrectionChains } from '../../shared/corrections';
import { s } from './styles';

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
      <button
        type="button"
        onClick={() => onShow(seq)}
        style={{
          border: 0,
          background: 'none',
          padding: 0,
          cursor: 'pointer',
          textDecoration: 'underline',
          font: 'inherit',
        }}
      >
        {label}
      </button>
    ) : (
      label
    );
  return (
    <>
      {own && own.targetEventId !== null && (
        <span
          style={s.marker(own.type === 'StatusCorrected' ? 'corrects' : 'dismisses')}
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
          style={s.marker(link.type === 'StatusCorrected' ? 'corrected' : 'dismissed')}
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
