/** The chain of corrections the timeline shows: correction → corrected event, and onwards. */
import { describe, expect, it } from 'vitest';
import { chainThrough, correctionChains } from '../../shared/corrections';
import { missingPackage } from './history';

describe('correctionChains', () => {
  const history = missingPackage()
    .corrected('Shipped', 'Found physically at the dock', '1345693-08')
    .corrected('Packed', 'Entered in error by Mark: it is on bench 3', '1345693-09')
    .dismissed('1345693-08', 'Checked on the floor: all fine')
    .corrected('Packed', 'No event named, just put right')
    .history();
  const chains = correctionChains(history);

  it('links each office event to what it answers', () => {
    expect(chains.links.map((l) => [l.seq, l.type, l.targetSeq])).toEqual([
      [9, 'StatusCorrected', 8],
      [10, 'StatusCorrected', 9],
      [11, 'AnomalyDismissed', 8],
      [12, 'StatusCorrected', null],
    ]);
    expect(chains.answeredBy.get('1345693-08')?.map((l) => l.seq)).toEqual([9, 11]);
    expect(chains.answeredBy.get('1345693-09')?.map((l) => l.seq)).toEqual([10]);
  });

  it('follows the chain from any event in it', () => {
    expect(chainThrough(chains, '1345693-08')).toEqual([8, 9, 10, 11]);
    expect(chainThrough(chains, '1345693-10')).toEqual([8, 9, 10, 11]);
    expect(chainThrough(chains, '1345693-12')).toEqual([12]);
    expect(chainThrough(chains, '1345693-03')).toEqual([]);
  });

  it('a target outside the history keeps its id but no seq', () => {
    const lone = missingPackage().corrected('Packed', 'Found physically at B4', 'gone').history();
    expect(correctionChains(lone).links[0]).toMatchObject({ targetEventId: 'gone', targetSeq: null });
  });
});
