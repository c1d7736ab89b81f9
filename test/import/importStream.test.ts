/**
 * The stream entry point of the import: a chosen file or an upload arrives as a name and a
 * stream of bytes, cut anywhere, and imports exactly as the same file named by its path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, importStream } from '../../electron/import';
import { SAMPLES, tempFolder } from './tmp';

const tmp = tempFolder();

/** The bytes in pieces of `size`, so lines and UTF-8 characters are cut across chunks. */
async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The events as recorded, without when and from where (which differ by import). */
const events = (journal: ReturnType<typeof tmp.journal>) =>
  [...journal.iterateEvents()].map(({ recordedAt: _r, source: _s, ...e }) => e);

describe('importStream', () => {
  it('imports a stream cut anywhere like the file itself, under the name it was given', async () => {
    for (const name of ['bad-lines.ndjson', 'missing-package.ndjson']) {
      const bytes = readFileSync(join(SAMPLES, name));
      const byPath = tmp.journal();
      const fromPath = await importFile(byPath, join(SAMPLES, name));
      for (const size of [1, 7, 4096]) {
        const journal = tmp.journal();
        const report = await importStream(journal, { name, size: bytes.length, stream: pieces(bytes, size) });
        expect(report.file).toBe(name);
        expect({ ...report, file: '' }).toEqual({ ...fromPath, file: '' });
        expect(events(journal)).toEqual(events(byPath));
        expect(journal.rejectedLines().map((r) => [r.file, r.line, r.raw])).toEqual(
          byPath.rejectedLines().map((r) => [name, r.line, r.raw]),
        );
      }
    }
  });
});
