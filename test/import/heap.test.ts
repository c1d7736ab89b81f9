/** An import's heap collected after a commit once it holds more than its limit (electron/import/heap.ts). */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { keepHeapSmall } from '../../electron/import/heap';

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
