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

  it('asks for the session and the newest journal page once, and the shell takes that session read', async () => {
    const invoked: { channel: string; request: unknown }[] = [];
    const bridge: LedgerTransport = {
      invoke: (channel, request) => {
        invoked.push({ channel, request });
        const response = channel === 'journalPage' ? { rows: [], nextBeforeSeq: null } : { journalPath: 'j.db' };
        return Promise.resolve({ ok: true, response });
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
      expect(invoked.map((c) => c.channel)).toEqual(['session', 'journalPage']);
      expect(invoked[1]!.request).toEqual({ filter: {}, limit: 200 });

      const { readSessionEarly, useSession } = await import('../../renderer/app/session');
      await readSessionEarly();
      expect(useSession.getState().session).toEqual({ journalPath: 'j.db' });
      expect(invoked.filter((c) => c.channel === 'session')).toHaveLength(1);
    } finally {
      delete (globalThis as { ledgerBridge?: LedgerTransport }).ledgerBridge;
    }
  });
});
