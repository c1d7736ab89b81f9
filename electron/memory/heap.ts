/**
 * An import's heap kept small. What an import keeps between two transactions is small (30–40 MB
 * at a million events: the cached order states, the lines of the next transaction); what it
 * makes and drops is not (every parsed event lives through the append of its chunk, so V8 moves
 * it to the old generation before it dies). V8 lets the old generation grow to four or five times
 * what is live before it collects it, and that garbage was most of an import's peak memory
 * (about 300 MB at 3M events against a 300 MB budget). So after a transaction, once the heap
 * holds more than `HEAP_AFTER_COMMIT`, the import collects it itself: a full collection of a small
 * live heap takes a few milliseconds, a dozen times in a million events. Only the command line's
 * imports do: in the app, the journal's worker answers the windows between two transactions, its
 * heap holds what they read, and V8's own incremental collection keeps their answers quick (a
 * full collection after every 40 ms transaction took the orders page's p99 from 66 to 466 ms).
 *
 * A replay at once (verify and rebuild on the command line) is the other way round: what it
 * keeps grows to the end (every order's state), and each event replaces its order's state with
 * a new one, so the states it drops have mostly been promoted and die in the old generation. V8
 * sized that generation by the growing live heap and let it fill with them: at 3M events verify
 * held about 180 MB live in a 340 MB heap. `collectPastHeadroom` collects once the heap holds
 * `REPLAY_HEADROOM` more than the last collection left.
 *
 * The collector is V8's own (`--expose-gc`), made callable at run time in a context of its own;
 * where that is not possible, nothing is collected here and V8 collects as it would.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap in use after a commit above which the import collects (bytes). */
export const HEAP_AFTER_COMMIT = 96 * 1024 * 1024;

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** What the heap held after the last collection here: a heap that is mostly live is not collected again. */
let liveAfterLast = 0;

/**
 * Collect the heap when it holds more than `limit` bytes and more than twice what it held after
 * the last collection here (else it is mostly live, and collecting it again would find little);
 * returns whether it did.
 */
export function keepHeapSmall(limit: number = HEAP_AFTER_COMMIT): boolean {
  // Not process.memoryUsage(): that reads the RSS from the system too, on every commit.
  const used = getHeapStatistics().used_heap_size;
  if (used <= limit || used <= 2 * liveAfterLast) return false;
  const gc = collector();
  if (!gc) return false;
  gc();
  liveAfterLast = getHeapStatistics().used_heap_size;
  return true;
}

/** Garbage a replay at once lets the heap hold beyond what its last collection left (bytes). */
export const REPLAY_HEADROOM = 32 * 1024 * 1024;

/**
 * Collect the heap when it holds more than `headroom` bytes beyond what the last collection here
 * left; returns whether it did. For long work in one thread that nothing waits on between its steps.
 */
export function collectPastHeadroom(headroom: number = REPLAY_HEADROOM): boolean {
  const used = getHeapStatistics().used_heap_size;
  if (used <= liveAfterLast + headroom) return false;
  const gc = collector();
  if (!gc) return false;
  gc();
  liveAfterLast = getHeapStatistics().used_heap_size;
  return true;
}
