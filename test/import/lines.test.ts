/** The streamed line reader: line endings, a BOM, a last line without newline, chunk borders. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLineChunks } from '../../electron/import/lines';
import { tempFolder } from './tmp';

const tmp = tempFolder();

async function lines(path: string, chunkBytes?: number, maxLineChars?: number) {
  const out: { number: number; text: string; truncated?: boolean }[] = [];
  for await (const chunk of readLineChunks(path, { chunkBytes, maxLineChars })) out.push(...chunk.lines);
  return out;
}

describe('readLineChunks', () => {
  it('splits \\n and \\r\\n, drops a BOM, keeps a last line without newline', async () => {
    const path = tmp.file('a.txt', '\uFEFFfirst\r\nsecond\n\nlast');
    expect(await lines(path)).toEqual([
      { number: 1, text: 'first' },
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
});
