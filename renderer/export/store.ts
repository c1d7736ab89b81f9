/**
 * The export page's state: the status from the journal worker, refreshed after every export
 * (the `exportFinished` push, whether a button or the scheduler started it).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExportResult, ExportSettingsChange, ExportStatus } from '../../shared/contract/export';
import type { LedgerApi } from '../../shared/contract/channels';
import { ledger, messageOf } from '../app/ledger';

/** What the page needs of `window.ledger`. */
export type ExportLedger = Pick<
  LedgerApi,
  | 'exportStatus'
  | 'exportNow'
  | 'setExportSettings'
  | 'rotateExportKey'
  | 'on'
  | 'chooseExportFolder'
  | 'canChooseFolders'
>;

export interface ExportState {
  status: ExportStatus | null;
  loading: boolean;
  exporting: boolean;
  saving: boolean;
  /** A failed call of this page (a failed export also shows as the status' failure). */
  error: string | null;
  /** The outcome of the last "Export now" pressed here. */
  lastResult: ExportResult | null;
  load(): Promise<void>;
  exportNow(): Promise<void>;
  save(change: ExportSettingsChange): Promise<boolean>;
  /** The destination, from the main process's folder dialog (Supervisor, Electron only). */
  chooseFolder(): Promise<void>;
  /** Whether this window has a folder dialog (false in the browser host). */
  canChooseFolders(): boolean;
  /** A new signing key (Supervisor), announced by the next export. */
  rotateKey(): Promise<void>;
  /** Follow exports started elsewhere (the scheduler); returns the unsubscribe. */
  follow(): () => void;
}

export function createExportStore(api: () => ExportLedger = ledger): StoreApi<ExportState> {
  return createStore<ExportState>((set, get) => ({
    status: null,
    loading: false,
    exporting: false,
    saving: false,
    error: null,
    lastResult: null,

    async load() {
      set({ loading: true });
      try {
        set({ status: await api().exportStatus({}), error: null });
      } catch (e) {
        set({ error: messageOf(e) });
      } finally {
        set({ loading: false });
      }
    },

    async exportNow() {
      if (get().exporting) return;
      set({ exporting: true, error: null });
      try {
        set({ lastResult: await api().exportNow({}) });
      } catch (e) {
        set({ error: messageOf(e), lastResult: null });
      } finally {
        set({ exporting: false });
        await get().load();
      }
    },

    canChooseFolders() {
      return api().canChooseFolders === true;
    },

    async chooseFolder() {
      set({ saving: true, error: null });
      let refusal: string | null = null;
      try {
        await api().chooseExportFolder();
      } catch (e) {
        refusal = messageOf(e);
      }
      await get().load();
      set({ saving: false, ...(refusal ? { error: refusal } : {}) });
    },

    async save(change) {
      set({ saving: true, error: null });
      try {
        await api().setExportSettings(change);
        await get().load();
        return true;
      } catch (e) {
        set({ error: messageOf(e) });
        return false;
      } finally {
        set({ saving: false });
      }
    },

    async rotateKey() {
      set({ error: null });
      let refusal: string | null = null;
      try {
        await api().rotateExportKey({});
      } catch (e) {
        refusal = messageOf(e);
      }
      // Loaded first, so the refusal stays on the page (a load that succeeds clears errors).
      await get().load();
      if (refusal) set({ error: refusal });
    },

    follow() {
      return api().on('exportFinished', () => void get().load());
    },
  }));
}

let shared: StoreApi<ExportState> | null = null;

export function exportStore(): StoreApi<ExportState> {
  return (shared ??= createExportStore());
}
