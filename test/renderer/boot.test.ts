/**
 * A window's first requests (renderer/boot.ts): made as the module is evaluated, before React and
 * the pages are, and before the contract's schemas are built — so nothing boot imports may reach zod.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { LedgerTransport } from '../../renderer/ledger';

describe('the renderer boot', () => {
  it('reaches no schema: its imports bundle without zod', async () => {
    const { metafile } = await build({
      entryPoints: ['renderer/boot.ts'],
      bundle: true,
      write: false,
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('renderer/ledger/build.ts');
    expect(inputs.filter((i) => i.includes('node_modules/zod/'))).toEqual([]);
  });

  it('takes no value from a schema module of the contract anywhere (the whole renderer is one bundle)', () => {
    const files = readdirSync('renderer', { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => join('renderer', f));
    const offenders: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
      for (const node of source.statements) {
        if (!ts.isImportDeclaration(node) || !ts.isStringLiteral(node.moduleSpecifier)) continue;
        const from = node.moduleSpecifier.text;
        if (!/shared\/contract\//.test(from) || from.endsWith('/constants')) continue;
        const clause = node.importClause;
        if (!clause) {
          offenders.push(`${file}: ${from}`);
          continue;
        }
        if (clause.isTypeOnly) continue;
        const bindings = clause.namedBindings;
        const values =
          clause.name !== undefined ||
          (bindings !== undefined && (ts.isNamespaceImport(bindings) || bindings.elements.some((e) => !e.isTypeOnly)));
        if (values) offenders.push(`${file}: ${from}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('asks for the session and the newest journal page once, and shows the session when both have come', async () => {
    const invoked: { channel: string; request: unknown }[] = [];
    let answerRows: () => void = () => {};
    const rows = new Promise<void>((done) => (answerRows = done));
    const bridge: LedgerTransport = {
      invoke: async (channel, request) => {
        invoked.push({ channel, request });
        if (channel !== 'journalPage') return { ok: true, response: { journalPath: 'j.db' } };
        await rows;
        return { ok: true, response: { rows: [], nextBeforeSeq: null } };
      },
      subscribe: () => () => {},
      chooseFiles: () => Promise.resolve({ ok: true, response: [] }),
      offerFiles: () => Promise.resolve({ ok: true, response: [] }),
      chooseExportFolder: () => Promise.resolve({ ok: true, response: null }),
      chooseImportFolder: () => Promise.resolve({ ok: true, response: null }),
      canChooseFolders: false,
    };
    (globalThis as { ledgerBridge?: LedgerTransport }).ledgerBridge = bridge;
    try {
      await import('../../renderer/boot');
      expect(invoked.map((c) => c.channel).sort()).toEqual(['journalPage', 'session']);
      expect(invoked.find((c) => c.channel === 'journalPage')!.request).toEqual({ filter: {}, limit: 200 });

      // The session has answered, the rows not yet: the shell does not render without them.
      const { readSessionEarly, useSession } = await import('../../renderer/app/session');
      await new Promise((done) => setImmediate(done));
      expect(useSession.getState().session).toBeNull();
      answerRows();
      await readSessionEarly();
      expect(useSession.getState().session).toEqual({ journalPath: 'j.db' });
      expect(invoked.filter((c) => c.channel === 'session')).toHaveLength(1);
    } finally {
      delete (globalThis as { ledgerBridge?: LedgerTransport }).ledgerBridge;
    }
  });
});
