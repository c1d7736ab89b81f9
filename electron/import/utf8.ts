/**
 * What the bytes of an import file are: UTF-8 is the only encoding the handbook's exports come in.
 * A file in another encoding is refused whole, by its byte-order mark, instead of line by line as
 * "not JSON"; a line with bytes that are not UTF-8 is refused alone, instead of being recorded
 * with U+FFFD in place of what the main system wrote.
 */
import { isUtf8 } from 'node:buffer';

/** The bytes of a UTF-8 byte-order mark, dropped from the start of a file. */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A file that is not UTF-8 text at all: nothing in it can be read. */
export class FileEncodingError extends Error {}

/** Byte-order marks of the encodings a spreadsheet or editor may have saved the file in. */
const FOREIGN_MARKS: readonly { bytes: readonly number[]; name: string }[] = [
  // UTF-32 first: its little-endian mark starts with UTF-16's.
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: 'UTF-32 (little-endian)' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: 'UTF-32 (big-endian)' },
  { bytes: [0xff, 0xfe], name: 'UTF-16 (little-endian)' },
  { bytes: [0xfe, 0xff], name: 'UTF-16 (big-endian)' },
  { bytes: [0x2b, 0x2f, 0x76], name: 'UTF-7' },
  { bytes: [0x84, 0x31, 0x95, 0x33], name: 'GB 18030' },
  { bytes: [0xf7, 0x64, 0x4c], name: 'UTF-1' },
  { bytes: [0xdd, 0x73, 0x66, 0x73], name: 'UTF-EBCDIC' },
];

/**
 * Checks the first bytes of a file (at least 4 when the file has them). Throws FileEncodingError
 * naming the encoding when they are another encoding's byte-order mark, or look like UTF-16 without
 * one (a NUL byte beside every character of plain text); returns how many bytes of UTF-8 BOM to skip.
 */
export function checkFileStart(head: Uint8Array): number {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 3;
  for (const mark of FOREIGN_MARKS) {
    if (mark.bytes.every((b, i) => head[i] === b)) {
      throw new FileEncodingError(
        `the file is ${mark.name} text (it starts with that encoding's byte-order mark), not UTF-8: ` +
          'save it as UTF-8 and import it again',
      );
    }
  }
  if (head.length >= 4) {
    const le = head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0;
    const be = head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0;
    if (le || be) {
      throw new FileEncodingError(
        `the file looks like UTF-16 (${le ? 'little' : 'big'}-endian) text without a byte-order mark, not UTF-8: ` +
          'save it as UTF-8 and import it again',
      );
    }
  }
  return 0;
}

export { isUtf8 };

/**
 * The 1-based position of the first byte of `bytes` that does not belong to a well-formed UTF-8
 * sequence (overlong forms, surrogates and code points past U+10FFFF are not well-formed), or 0
 * when all of it is UTF-8. Only called on a line isUtf8 has already refused, to say where.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else return i + 1;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i + 1;
    }
    i += need + 1;
  }
  return 0;
}
