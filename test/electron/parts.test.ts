import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppUrl } from '../../electron/main/security';
import { DEFAULT_BOUNDS, loadBounds, saveBounds } from '../../electron/main/windowState';
import { menuTemplate } from '../../electron/main/menu';
import { errorNotice } from '../../electron/notify/errorNotice';
import { safeStorageKeys } from '../../electron/main/keyProtector';

describe('what counts as the app', () => {
  it('is the renderer file when packaged, the dev server origin in development', () => {
    const file = 'file:///opt/app/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl(file, file)).toBe(true);
    expect(isAppUrl(file + '#/orders', file)).toBe(true);
    expect(isAppUrl('file:///opt/app/other.html', file)).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', file)).toBe(false);
    expect(isAppUrl(undefined, file)).toBe(false);
  });
});

describe('window bounds', () => {
  it('come back as saved, and fall back to the default when the file is missing or damaged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-bounds-'));
    try {
      const file = join(dir, 'sub', 'window.json');
      expect(loadBounds(file)).toEqual(DEFAULT_BOUNDS);
      saveBounds(file, { x: 10, y: 20, width: 1200, height: 700, maximized: true });
      expect(loadBounds(file)).toEqual({ x: 10, y: 20, width: 1200, height: 700, maximized: true });
      writeFileSync(file, '{"width": "wide"');
      expect(loadBounds(file)).toEqual(DEFAULT_BOUNDS);
      writeFileSync(file, '{"width": 10, "height": 10}');
      expect(loadBounds(file)).toEqual({ width: 800, height: 500 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the menu', () => {
  it('has File > Open journal…, Import events… and Help > About, wired to their actions', () => {
    const done: string[] = [];
    const template = menuTemplate(
      {
        openJournal: () => done.push('open'),
        importEvents: () => done.push('import'),
        about: () => done.push('about'),
      },
      'linux',
    );
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    for (const label of ['Open journal…', 'Import events…', 'About Warehouse Ledger']) {
      const item = items.find((i) => i.label === label);
      (item?.click as () => void)();
    }
    expect(done).toEqual(['open', 'import', 'about']);
  });
});

describe('the error notification', () => {
  const anomaly = {
    id: 1,
    seq: 5,
    eventId: 'e5',
    orderId: '1345693',
    type: 'StatusChanged' as const,
    timestamp: '2026-11-26T23:41:00-05:00',
    initiatedBy: { id: 'jdoe', role: 'Picker' },
    kind: 'illegal-transition' as const,
    severity: 'error' as const,
    open: true,
    message: 'Packed → PendingPicking is not an allowed change',
    resolvedBySeq: null,
  };
  it('names the order and what is wrong, and how many more there are', () => {
    expect(errorNotice({ count: 1, examples: [anomaly] })).toEqual({
      title: 'New error in the journal',
      body: 'Order 1345693: Packed → PendingPicking is not an allowed change',
    });
    expect(errorNotice({ count: 3, examples: [anomaly] })?.body).toMatch(/and 2 more/);
    expect(errorNotice({ count: 0, examples: [] })).toBeNull();
  });
});

describe('the keychain for the signing key', () => {
  const fake = (backend: string) => ({
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (t: string) => Buffer.from(t).reverse(),
    decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
  });

  it('seals with safeStorage where it really encrypts', async () => {
    const keys = safeStorageKeys(fake('kwallet5'), 'linux')!;
    expect(keys.kind).toBe('safe-storage');
    expect(await keys.unseal(await keys.seal('pem'))).toBe('pem');
  });

  it("keeps the 0600 file instead where the keychain would only pretend (Linux's basic_text, or none at all)", () => {
    expect(safeStorageKeys(fake('basic_text'), 'linux')).toBeUndefined();
    expect(safeStorageKeys({ ...fake('dpapi'), isEncryptionAvailable: () => false }, 'win32')).toBeUndefined();
  });
});
