import { describe, expect, it } from 'vitest';
import { createPagedStore } from '../../renderer/ui/pagedStore';
import { knownRows, rowAt } from '../../renderer/ui/pagedWindow';

/** A fetch whose answers the test releases by hand, to put responses out of order. */
function controlledFetch(n: number) {
  const pending: Array<{ cursor: number | undefined; resolve: () => void }> = [];
  const calls: Array<number | undefined> = [];
  const fetch = (cursor: number | undefined, limit: number) => {
    calls.push(cursor);
    return new Promise<{ rows: number[]; next: number | null }>((resolve) => {
      pending.push({
        cursor,
        resolve: () => {
          const top = cursor === undefined ? n : cursor - 1;
          const rows: number[] = [];
          for (let s = top; s >= 1 && rows.length < limit; s--) rows.push(s);
          const last = rows[rows.length - 1];
          resolve({ rows, next: rows.length === limit && last !== undefined && last > 1 ? last : null });
        },
      });
    });
  };
  return { fetch, pending, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the paged store', () => {
  it('fetches the first page once however often the table asks', async () => {
    const c = controlledFetch(50);
    const store = createPagedStore<number, number>({ pageSize: 10, keepPages: 1, fetch: c.fetch });
    store.getState().ensure(0, 5);
    store.getState().ensure(0, 6);
    expect(c.calls).toEqual([undefined]);
    c.pending.shift()!.resolve();
    await tick();
    expect(rowAt(store.getState().window, 0)).toBe(50);
  });

  it('keeps going page after page when the screen is taller than a page', async () => {
    const c = controlledFetch(35);
    const store = createPagedStore<number, number>({ pageSize: 10, keepPages: 5, fetch: c.fetch });
    store.getState().ensure(0, 30);
    for (let i = 0; i < 4 && c.pending.length > 0; i++) {
      c.pending.shift()!.resolve();
      await tick();
    }
    expect(knownRows(store.getState().window)).toBe(35);
    expect(c.calls).toEqual([undefined, 26, 16, 6]);
  });

  it('drops an answer that arrives after the list started over', async () => {
    const c = controlledFetch(50);
    const other = controlledFetch(7);
    const store = createPagedStore<number, number>({ pageSize: 10, keepPages: 1, fetch: c.fetch });
    store.getState().ensure(0, 5);
    store.getState().reset(other.fetch);
    other.pending.shift()!.resolve();
    await tick();
    c.pending.shift()!.resolve();
    await tick();
    expect(rowAt(store.getState().window, 0)).toBe(7);
    expect(knownRows(store.getState().window)).toBe(7);
  });

  it('shows a failure as a message and stops asking', async () => {
    let calls = 0;
    const store = createPagedStore<number, number>({
      pageSize: 10,
      keepPages: 1,
      fetch: () => {
        calls++;
        return Promise.reject(Object.assign(new Error('Sign in first.'), { code: 'not-signed-in' }));
      },
      onError: (e) => (e as Error).message,
    });
    store.getState().ensure(0, 5);
    await tick();
    expect(store.getState().error).toBe('Sign in first.');
    store.getState().ensure(0, 5);
    expect(calls).toBe(1);
  });
});
