/**
 * The chain of corrections in an order's history: a wrong correction is put right by another
 * correction (handbook §6), so the timeline shows which office event answers which event.
 */
import type { HistoryItem } from './history';

export interface OfficeLink {
  /** The office event. */
  seq: number;
  eventId: string;
  type: 'StatusCorrected' | 'AnomalyDismissed';
  /** The event it corrects or dismisses, when it names one that is in the history. */
  targetSeq: number | null;
  targetEventId: string | null;
}

export interface CorrectionChains {
  links: OfficeLink[];
  /** eventId → the office events that answered it, oldest first. */
  answeredBy: ReadonlyMap<string, OfficeLink[]>;
  /** eventId → the office event it is, with its target. */
  byEventId: ReadonlyMap<string, OfficeLink>;
}

/** Office events of a history and what each answers. */
export function correctionChains(history: readonly HistoryItem[]): CorrectionChains {
  const seqOf = new Map(history.map((item) => [item.eventId, item.seq]));
  const links: OfficeLink[] = [];
  const answeredBy = new Map<string, OfficeLink[]>();
  const byEventId = new Map<string, OfficeLink>();
  for (const item of history) {
    if (item.type !== 'StatusCorrected' && item.type !== 'AnomalyDismissed') continue;
    const target = item.type === 'StatusCorrected' ? item.data.correctsEventId : item.data.dismissesEventId;
    const targetEventId = typeof target === 'string' ? target : null;
    const link: OfficeLink = {
      seq: item.seq,
      eventId: item.eventId,
      type: item.type,
      targetSeq: targetEventId === null ? null : (seqOf.get(targetEventId) ?? null),
      targetEventId,
    };
    links.push(link);
    byEventId.set(item.eventId, link);
    if (targetEventId !== null) answeredBy.set(targetEventId, [...(answeredBy.get(targetEventId) ?? []), link]);
  }
  return { links, answeredBy, byEventId };
}

/**
 * The chain through an event: from the first event flagged back to the last correction of it,
 * following correction → corrected event. Seqs, oldest first; a loop (impossible in a journal,
 * since an event can only name an earlier one) is cut rather than followed forever.
 */
export function chainThrough(chains: CorrectionChains, eventId: string): number[] {
  // Walk back to the root: the first event that is not itself answering another.
  let root = eventId;
  const seen = new Set<string>();
  for (;;) {
    const link = chains.byEventId.get(root);
    if (!link || link.targetEventId === null || seen.has(root)) break;
    seen.add(root);
    root = link.targetEventId;
  }
  // Walk forward: every answer, and the answers to the answers.
  const out: number[] = [];
  const visit = (id: string, seq: number | null, depth: number) => {
    if (depth > 1000) return;
    if (seq !== null && !out.includes(seq)) out.push(seq);
    for (const link of chains.answeredBy.get(id) ?? []) visit(link.eventId, link.seq, depth + 1);
  };
  const rootLink = chains.byEventId.get(root);
  visit(root, rootLink?.seq ?? seqOfTarget(chains, root), 0);
  return out.sort((a, b) => a - b);
}

function seqOfTarget(chains: CorrectionChains, eventId: string): number | null {
  for (const links of chains.answeredBy.values()) {
    for (const link of links) if (link.targetEventId === eventId) return link.targetSeq;
  }
  return null;
}
