/**
 * The layering is held by lint, so the lint configuration is tested like code: each forbidden
 * import is written into a file of the layer that must refuse it, and ESLint must say no with the
 * layer's reason; the same import where it belongs must pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: Array<{ file: string; source: string; refused: RegExp | null }> = [
  // The journal is the only code that speaks SQL.
  {
    file: 'electron/worker/handlers/probe.ts',
    source: "import Database from 'better-sqlite3';\nvoid Database;\n",
    refused: /Only the journal/,
  },
  {
    file: 'electron/export/probe.ts',
    source: "import type Database from 'better-sqlite3';\nexport type D = Database.Database;\n",
    refused: /Only the journal/,
  },
  {
    file: 'electron/main/probe.ts',
    source: "import Database from 'better-sqlite3';\nvoid Database;\n",
    refused: /Only the journal/,
  },
  {
    file: 'electron/journal/probe.ts',
    source: "import Database from 'better-sqlite3';\nvoid Database;\n",
    refused: null,
  },
  // Only the Electron glue imports electron.
  {
    file: 'electron/journal/probe.ts',
    source: "import { app } from 'electron';\nvoid app;\n",
    refused: /Only the Electron glue/,
  },
  {
    file: 'electron/export/probe.ts',
    source: "import { safeStorage } from 'electron';\nvoid safeStorage;\n",
    refused: /Only the Electron glue/,
  },
  { file: 'electron/main/probe.ts', source: "import { app } from 'electron';\nvoid app;\n", refused: null },
  {
    file: 'electron/preload/probe.ts',
    source: "import { contextBridge } from 'electron';\nvoid contextBridge;\n",
    refused: null,
  },
  // Nothing imports the renderer.
  {
    file: 'electron/worker/handlers/probe.ts',
    source: "import { App } from '../../renderer/app/App';\nvoid App;\n",
    refused: /Nothing imports the renderer/,
  },
  {
    file: 'shared/probe.ts',
    source: "import { App } from '../renderer/app/App';\nvoid App;\n",
    refused: /Nothing imports the renderer/,
  },
  {
    file: 'scripts/probe.mjs',
    source: "import { App } from '../renderer/app/App';\nvoid App;\n",
    refused: /Nothing imports the renderer/,
  },
  // shared/ and renderer/ import no Node, no Electron, nothing of the main process.
  {
    file: 'shared/probe.ts',
    source: "import fs from 'node:fs';\nvoid fs;\n",
    refused: /Node modules belong in electron/,
  },
  {
    file: 'shared/probe.ts',
    source: "import { openJournal } from '../electron/journal';\nvoid openJournal;\n",
    refused: /main process/,
  },
  {
    file: 'renderer/probe.ts',
    source: "import path from 'path';\nvoid path;\n",
    refused: /Node modules belong in electron/,
  },
  {
    file: 'renderer/probe.ts',
    source: "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n",
    refused: /Only the Electron glue/,
  },
  {
    file: 'renderer/probe.ts',
    source: "import { openJournal } from '../electron/journal';\nvoid openJournal;\n",
    refused: /main process/,
  },
];

describe('lint holds the layers', () => {
  it.each(cases)('$file: $source', async ({ file, source, refused }) => {
    const messages = await restrictedImports(file, source);
    if (refused) expect(messages.join('\n')).toMatch(refused);
    else expect(messages).toEqual([]);
  });
});
