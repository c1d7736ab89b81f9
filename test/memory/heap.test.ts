/** The heap collected by the import after a commit, and by a replay at once between chunks (electron/memory/heap.ts). */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectPastHeadroom, keepHeapSmall } from '../../electron/memory/heap';

const used = () => getHeapStatistics().used_heap_size;

describe("an import's heap", () => {
  it('is collected when it holds more than the limit, and left alone below it', () => {
    // Garbage a young collection would not take back: arrays that lived long enough to be promoted.
    let keep: number[][] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 20_000; i++) keep.push(new Array<number>(64).fill(i));
      if (round % 5 === 4) keep = [];
    }
    keep = [];
    const before = used();
    expect(keepHeapSmall(before * 10)).toBe(false);
    expect(keepHeapSmall(1024 * 1024)).toBe(true);
    expect(used()).toBeLessThan(before);
    // Right after: what is left is live, and is not collected again.
    expect(keepHeapSmall(1024 * 1024)).toBe(false);
    expect(keep).toHaveLength(0);
  });
});

describe("a replay's heap", () => {
  it('is collected once it holds more than the headroom beyond what the last collection left', () => {
    // Right after a collection nothing is collected again; after 20,000 promoted arrays (about
    // 10 MB) dropped, a 1 MB headroom is past and a 1 GB one is not.
    collectPastHeadroom(0);
    expect(collectPastHeadroom(1024 * 1024)).toBe(false);
    let keep: number[][] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5_000; i++) keep.push(new Array<number>(64).fill(i));
    }
    keep = [];
    const before = used();
    expect(collectPastHeadroom(1024 * 1024 * 1024)).toBe(false);
    expect(collectPastHeadroom(1024 * 1024)).toBe(true);
    expect(used()).toBeLessThan(before);
    expect(keep).toHaveLength(0);
  });
});
