/** The streamed line reader: line endings, a BOM, a last line without newline, chunk borders, encodings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLineChunks, type Line } from '../../electron/import/lines';
import { FileEncodingError, firstInvalidUtf8Byte } from '../../electron/import/utf8';
import { tempFolder } from './tmp';

const tmp = tempFolder();

async function lines(path: string, chunkBytes?: number, maxLineChars?: number) {
  const out: Line[] = [];
  for await (const chunk of readLineChunks(path, { chunkBytes, maxLineChars })) out.push(...chunk.lines);
  return out;
}

describe('readLineChunks', () => {
  it('splits \\n and \\r\\n, drops a BOM, keeps a last line without newline', async () => {
    const path = tmp.file('a.txt', '\uFEFFfirst\r\nsecond\n\nlast');
    expect(await lines(path)).toEqual([
      { number: 1, text: 'first', crlf: true },
      { number: 2, text: 'second' },
      { number: 3, text: '' },
      { number: 4, text: 'last' },
    ]);
  });

  it('has no phantom empty line after a final newline, and none in an empty file', async () => {
    expect(await lines(tmp.file('b.txt', 'one\n'))).toEqual([{ number: 1, text: 'one' }]);
    expect(await lines(tmp.file('c.txt', ''))).toEqual([]);
  });

  it('cuts a line longer than the limit and goes on with the next one', async () => {
    const path = tmp.file('d.txt', `${'x'.repeat(50)}\nshort\n`);
    expect(await lines(path, 8, 10)).toEqual([
      { number: 1, text: 'x'.repeat(10), truncated: true },
      { number: 2, text: 'short' },
    ]);
  });

  it('gives the same lines whatever the chunk size (multi-byte characters split across chunks)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n\uFEFF]/.test(s)),
          { maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        async (texts, chunkBytes, crlf) => {
          const path = tmp.file('p.txt', texts.join(crlf ? '\r\n' : '\n'));
          const got = await lines(path, chunkBytes);
          // A file's lines: a newline ends a line, so a final empty piece is no line at all.
          const expected = texts.join('\n').split('\n');
          if (expected[expected.length - 1] === '') expected.pop();
          expect(got.map((l) => l.text)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads lines from a stream of bytes as from a path', async () => {
    async function* bytes() {
      yield Buffer.from('\uFEFFon');
      yield new Uint8Array(Buffer.from('e\r\ntwo'));
    }
    const out: Line[] = [];
    for await (const chunk of readLineChunks(bytes())) out.push(...chunk.lines);
    expect(out).toEqual([
      { number: 1, text: 'one', crlf: true },
      { number: 2, text: 'two' },
    ]);
  });

  it('marks a line that is not UTF-8 with the byte where it stops being so, and reads the others', async () => {
    const path = tmp.file(
      'latin1.txt',
      Buffer.concat([Buffer.from('caf\u00e9\n'), Buffer.from('caf\xe9 au lait\n', 'latin1'), Buffer.from('ok')]),
    );
    for (const chunkBytes of [1, 3, 64]) {
      expect(await lines(path, chunkBytes)).toEqual([
        { number: 1, text: 'caf\u00e9' },
        { number: 2, text: 'caf\uFFFD au lait', invalidUtf8At: 4 },
        { number: 3, text: 'ok' },
      ]);
    }
  });

  it('finds the first byte that is not well-formed UTF-8: stray, truncated, overlong, surrogate, past U+10FFFF', () => {
    const at = (...bytes: number[]) => firstInvalidUtf8Byte(Uint8Array.from(bytes));
    expect(at(0x61, 0xe2, 0x82, 0xac, 0x62)).toBe(0);
    expect(at(0x61, 0x80)).toBe(2);
    expect(at(0x61, 0x62, 0xe2, 0x82)).toBe(3);
    expect(at(0xc0, 0xaf)).toBe(1);
    expect(at(0x61, 0xed, 0xa0, 0x80)).toBe(2);
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(1);
    expect(at(0xf0, 0x9f, 0x93, 0xa6)).toBe(0);
  });

  it('refuses a file in another encoding as a whole, naming it by its byte-order mark', async () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"eventId":"x"}\n', 'utf16le')]);
    const utf16be = Buffer.from(utf16le.map((_, i) => utf16le[i ^ 1]!));
    const noMark = Buffer.from('{"eventId":"x"}\n', 'utf16le');
    const utf32 = Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x7b, 0x00, 0x00, 0x00]);
    for (const [bytes, name] of [
      [utf16le, /UTF-16 \(little-endian\).*byte-order mark/],
      [utf16be, /UTF-16 \(big-endian\)/],
      [noMark, /looks like UTF-16 \(little-endian\) text without a byte-order mark/],
      [utf32, /UTF-32 \(little-endian\)/],
    ] as const) {
      const path = tmp.file('foreign.txt', bytes);
      await expect(lines(path)).rejects.toThrow(FileEncodingError);
      await expect(lines(path)).rejects.toThrow(name);
    }
  });

  it('reads files too short to tell the encoding by', async () => {
    expect(await lines(tmp.file('short.txt', 'a\n'))).toEqual([{ number: 1, text: 'a' }]);
    expect(await lines(tmp.file('bom-only.txt', '\uFEFF'))).toEqual([]);
  });
});
