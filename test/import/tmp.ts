/** Temporary folders for import tests, removed after each test file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { Journal } from '../../electron/journal';
import { HANDBOOK_SAMPLES } from '../samples';

export function tempFolder(): {
  dir: string;
  file(name: string, content: string | Buffer): string;
  journal(): Journal;
} {
  const dir = mkdtempSync(join(tmpdir(), 'wl-import-'));
  const opened: Journal[] = [];
  let n = 0;
  afterAll(() => {
    for (const j of opened) j.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    journal() {
      const j = Journal.open(join(dir, `journal-${++n}.db`));
      opened.push(j);
      return j;
    },
  };
}

export const SAMPLES = HANDBOOK_SAMPLES;
