/**
 * The keys of one finished generation of the key index (./eventKey), as a Bloom filter: "not
 * there" for sure, or "maybe" (about one key in a thousand that is not there says maybe).
 *
 * An import asks, for every event, whether its key is recorded. A finished generation never
 * gains a key (the journal is append-only, and its seqs are all taken), so its filter, made
 * once from its part of the index, holds for as long as the journal is open: the import asks
 * SQLite only about the generation being filled, and about a finished one only for the rare
 * key its filter may hold. 256 KB a generation of 131,072 events.
 *
 * Written here rather than taken from npm: the keys are already uniform 47-bit hashes, so the
 * filter is a bit array and six probes derived from the key itself (double hashing), about
 * thirty lines; the packages on the registry hash strings again and bring dependencies.
 */
import { GENERATION_SIZE } from './eventKey';

/** 16 bits a key. */
const BITS = GENERATION_SIZE * 16;
const PROBES = 6;

export class KeyFilter {
  private readonly bits = new Uint32Array(BITS / 32);

  add(key: number): void {
    let h = key % BITS;
    const step = probeStep(key);
    for (let i = 0; i < PROBES; i++) {
      this.bits[h >>> 5]! |= 1 << (h & 31);
      h = (h + step) % BITS;
    }
  }

  /** False: the key is not among those added. True: it may be. */
  mayHave(key: number): boolean {
    let h = key % BITS;
    const step = probeStep(key);
    for (let i = 0; i < PROBES; i++) {
      if ((this.bits[h >>> 5]! & (1 << (h & 31))) === 0) return false;
      h = (h + step) % BITS;
    }
    return true;
  }
}

/** The second hash: the key's upper bits (it is 47 bits; BITS is at most 2^24), odd, so the probes of one key differ. */
function probeStep(key: number): number {
  return (Math.floor(key / BITS) % BITS) | 1;
}
