/**
 * The keys of one finished generation of the key index (./eventKey), as a Bloom filter: "not
 * there" for sure, or "maybe" (about one key in a thousand that is not there says maybe).
 *
 * An import asks, for every event, whether its key is recorded. A finished generation never
 * gains a key (the journal is append-only, and its seqs are all taken), so its filter, made
 * once, holds for good: the import asks SQLite only about the generation being filled, and
 * about a finished one only for the rare key its filter may hold. 256 KB a generation of
 * 131,072 events, kept in the journal (`key_filters`): made again at every start, the filters of
 * a journal of 3M events took 1.4 s, a stall an import in the app must not have. `verify`
 * checks each kept filter against the keys; `rebuild` makes them again from the keys it reads.
 *
 * Written here rather than taken from npm: the keys are already uniform 47-bit hashes, so the
 * filter is a bit array and six probes derived from the key itself (double hashing), about
 * thirty lines; the packages on the registry hash strings again and bring dependencies.
 */
import type Database from 'better-sqlite3';
import { GENERATION_BITS, GENERATION_SIZE, generationOf } from './eventKey';

/** 16 bits a key: 2^21, a power of two, so a position is the key's low bits (`firstProbe`). */
const BITS = GENERATION_SIZE * 16;
const MASK = BITS - 1;
const PROBES = 6;

export class KeyFilter {
  private readonly bits: Uint32Array;

  constructor(bits?: Uint32Array) {
    this.bits = bits ?? new Uint32Array(BITS / 32);
  }

  /** A filter as `bytes()` gave it; undefined when the bytes are not a filter of this size. */
  static from(bytes: Uint8Array): KeyFilter | undefined {
    if (bytes.byteLength !== BITS / 8) return undefined;
    // Copied: a Buffer from SQLite may share a pool and need not be aligned for 32-bit words.
    const bits = new Uint32Array(BITS / 32);
    new Uint8Array(bits.buffer).set(bytes);
    return new KeyFilter(bits);
  }

  /** The filter as bytes, to keep in the journal (`key_filters`). */
  bytes(): Buffer {
    return Buffer.from(this.bits.buffer, this.bits.byteOffset, this.bits.byteLength);
  }

  /** The bits themselves (shared, not copied). */
  words(): Uint32Array {
    return this.bits;
  }

  /** Add every key of another filter of this size (its bits): the filter of both sets of keys. */
  or(bits: Uint32Array): void {
    if (bits.length !== this.bits.length) throw new Error('key filters of different sizes cannot be merged');
    for (let i = 0; i < bits.length; i++) this.bits[i]! |= bits[i]!;
  }

  /** Whether two filters hold the same bits (made from the same keys). */
  equals(other: KeyFilter): boolean {
    return Buffer.compare(this.bytes(), other.bytes()) === 0;
  }

  add(key: number): void {
    let h = firstProbe(key);
    const step = probeStep(key);
    for (let i = 0; i < PROBES; i++) {
      this.bits[h >>> 5]! |= 1 << (h & 31);
      h = (h + step) & MASK;
    }
  }

  /** False: the key is not among those added. True: it may be. */
  mayHave(key: number): boolean {
    return this.mayHaveAt(firstProbe(key), probeStep(key));
  }

  /**
   * `mayHave` of the key whose `firstProbe` and `probeStep` are given: every filter probes a key
   * at the same places, so a key asked of every finished generation has them worked out once.
   */
  mayHaveAt(first: number, step: number): boolean {
    let h = first;
    for (let i = 0; i < PROBES; i++) {
      if ((this.bits[h >>> 5]! & (1 << (h & 31))) === 0) return false;
      h = (h + step) & MASK;
    }
    return true;
  }
}

/**
 * The first bit a key sets: the key modulo BITS, its low 21 bits. (Taken with `>>> 0`, which
 * keeps the key's low 32 bits exactly: `%` of a number past 2^31 is a floating-point remainder,
 * a call out of compiled code, and the duplicate check asked it of every finished generation.)
 */
export function firstProbe(key: number): number {
  return (key >>> 0) & MASK;
}

/** The second hash: the key's upper bits (it is 47 bits; BITS is at most 2^24), odd, so the probes of one key differ. */
export function probeStep(key: number): number {
  // key / BITS is exact (BITS is a power of two) and its floor below 2^26: an int32 for the mask.
  return (Math.floor(key / BITS) & MASK) | 1;
}

/** Migration 11: the key's index made again, split by generations (see `GENERATION_BITS`). */
export function splitKeyIndexByGeneration(db: Database.Database): void {
  db.exec(`
    DROP INDEX IF EXISTS events_by_key;
    CREATE INDEX IF NOT EXISTS events_by_generation_key ON events(seq >> ${GENERATION_BITS}, event_key);
  `);
}

/** Migration 13: the table of the finished generations' filters, filled for those there are. */
export function keepKeyFilters(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS key_filters (generation INTEGER PRIMARY KEY, bits BLOB NOT NULL)');
  const last = db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
  const store = db.prepare('INSERT OR REPLACE INTO key_filters(generation, bits) VALUES (?, ?)');
  for (let g = 0; g < generationOf(last); g++) store.run(g, filterFromIndex(db, g).bytes());
}

/** The filter of one generation, made from its part of the key index. */
export function filterFromIndex(db: Database.Database, generation: number): KeyFilter {
  const filter = new KeyFilter();
  const keys = db.prepare(`SELECT event_key FROM events WHERE (seq >> ${GENERATION_BITS}) = ?`).pluck();
  for (const k of keys.iterate(generation) as IterableIterator<number>) filter.add(k);
  return filter;
}

/**
 * The filters of the generations an in-order read of the events (a rebuild, verify) goes through
 * to their end, made from the keys as they are read: each handed to `finished` once its
 * generation's last event is read.
 */
export class FilterBuilder {
  private current: { generation: number; filter: KeyFilter } | undefined;

  constructor(private readonly finished: (generation: number, filter: KeyFilter) => void) {}

  add(seq: number, key: number): void {
    const generation = generationOf(seq);
    if (this.current?.generation !== generation) this.current = { generation, filter: new KeyFilter() };
    this.current.filter.add(key);
    if (seq === (generation + 1) * GENERATION_SIZE - 1) {
      this.finished(generation, this.current.filter);
      this.current = undefined;
    }
  }
}

/**
 * The filters of a read that sees only some of each generation's events (one part of a rebuild
 * read in two threads, ./rebuildInTwo): a filter for every generation it touched, and which of
 * them it saw end (their last seq). A Bloom filter of a set of keys is the OR of the filters of
 * its parts, so the parts' filters, merged, are the filters of the whole read; a generation is
 * finished when one of the parts read its last event, as `FilterBuilder` would have it.
 */
export class PartFilters {
  readonly filters = new Map<number, KeyFilter>();
  readonly finished = new Set<number>();
  private generation = -1;
  private filter: KeyFilter | undefined;

  add(seq: number, key: number): void {
    const generation = generationOf(seq);
    if (generation !== this.generation) {
      this.generation = generation;
      this.filter = this.filters.get(generation);
      if (!this.filter) this.filters.set(generation, (this.filter = new KeyFilter()));
    }
    this.filter!.add(key);
    if (seq === (generation + 1) * GENERATION_SIZE - 1) this.finished.add(generation);
  }

  /** Take in another part's filters (their bits, as `KeyFilter.words()` gives them) and finished generations. */
  merge(filters: Iterable<[number, Uint32Array]>, finished: Iterable<number>): void {
    for (const [generation, bits] of filters) {
      const mine = this.filters.get(generation);
      if (mine) mine.or(bits);
      else this.filters.set(generation, new KeyFilter(bits));
    }
    for (const generation of finished) this.finished.add(generation);
    this.generation = -1;
  }

  /** The filters of the finished generations: what `FilterBuilder` hands over in a whole read. */
  finishedFilters(): Map<number, KeyFilter> {
    const out = new Map<number, KeyFilter>();
    for (const [generation, filter] of this.filters) if (this.finished.has(generation)) out.set(generation, filter);
    return out;
  }
}

/**
 * A rebuild: the kept filters made to be exactly these (one that differs written again, one for a
 * generation not among them dropped). Usually all are right already, and nothing is written.
 */
export function writeKeyFilters(db: Database.Database, filters: ReadonlyMap<number, KeyFilter>): void {
  const kept = new Map(
    (db.prepare('SELECT generation, bits FROM key_filters').raw().all() as [number, Buffer][]).map(([g, bits]) => [
      g,
      bits,
    ]),
  );
  const store = db.prepare('INSERT OR REPLACE INTO key_filters(generation, bits) VALUES (?, ?)');
  for (const [generation, filter] of filters) {
    const bits = kept.get(generation);
    if (bits === undefined || Buffer.compare(bits, filter.bytes()) !== 0) store.run(generation, filter.bytes());
    kept.delete(generation);
  }
  const drop = db.prepare('DELETE FROM key_filters WHERE generation = ?');
  for (const generation of kept.keys()) drop.run(generation);
}
