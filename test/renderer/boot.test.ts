/**
 * A window's first requests (renderer/boot.ts): made as the module is evaluated, before React and
 * the pages are, and before the contract's schemas are built — so nothing boot imports may reach zod.
 */
import { build } from 'esbuild';
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
