/**
 * The browser host's transport: `POST /api/<channel>` with this run's token and this page's
 * session, and one EventSource for the pushes.
 */
import type { PushName } from '../../shared/contract/channels';
import type { Envelope, LedgerTransport } from './build';
import type { ChosenFile, FileKind, OfferedFile } from '../../shared/contract/files';
// Plain values, not the schema modules (see ../../shared/contract/constants.ts).
import {
  EXPORT_FOLDER_FROM_COMMAND_LINE,
  FILE_EXTENSIONS,
  IMPORT_FOLDER_FROM_COMMAND_LINE,
} from '../../shared/contract/constants';

export interface HttpTransportOptions {
  /** Where the host is (default: this page's origin). */
  base?: string;
  token: string;
  session: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

export function httpTransport(options: HttpTransportOptions): LedgerTransport {
  const base = options.base ?? '';
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const Source = options.EventSource ?? globalThis.EventSource;
  let source: EventSource | undefined;

  /** Each file's bytes as the body of one upload; the host answers the file's id for this page. */
  const offerFiles = async (files: readonly OfferedFile[], kind: FileKind): Promise<Envelope> => {
    const chosen: ChosenFile[] = [];
    for (const file of files) {
      let res: Response;
      try {
        res = await doFetch(`${base}/upload?kind=${kind}&name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/octet-stream',
            'x-ledger-token': options.token,
            'x-ledger-session': options.session,
          },
          body: file as unknown as Blob,
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: `${file.name} could not be sent to the host.` } };
      }
      let envelope: Envelope;
      try {
        envelope = (await res.json()) as Envelope;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The host answered ${res.status} without JSON.` } };
      }
      if (!envelope.ok) return envelope;
      chosen.push(...(envelope.response as ChosenFile[]));
    }
    return { ok: true, response: chosen };
  };

  return {
    offerFiles,

    // No folder dialog in a browser: the destination is set from the command line.
    canChooseFolders: false,
    chooseExportFolder: () =>
      Promise.resolve({ ok: false, error: { code: 'refused', message: EXPORT_FOLDER_FROM_COMMAND_LINE } }),
    chooseImportFolder: () =>
      Promise.resolve({ ok: false, error: { code: 'refused', message: IMPORT_FOLDER_FROM_COMMAND_LINE } }),

    /** A file input of the browser's own, opened here: the page only gets the chosen files' ids. */
    async chooseFiles(kind) {
      const files = await pickFiles(kind);
      return files.length === 0 ? { ok: true, response: [] } : offerFiles(files, kind);
    },

    async invoke(channel, request) {
      let res: Response;
      try {
        res = await doFetch(`${base}/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'x-ledger-token': options.token,
            'x-ledger-session': options.session,
          },
          body: JSON.stringify(request),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The Warehouse Ledger host is not answering.' } };
      }
      try {
        return (await res.json()) as Envelope;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The host answered ${res.status} without JSON.` } };
      }
    },

    subscribe(push: PushName, listener) {
      source ??= new Source(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
      const onMessage = (e: MessageEvent<string>) => {
        try {
          listener(JSON.parse(e.data));
        } catch (err) {
          console.error(`[ledger] push ${push} could not be read`, err);
        }
      };
      source.addEventListener(push, onMessage as EventListener);
      return () => source?.removeEventListener(push, onMessage as EventListener);
    },
  };
}

/** Open the browser's file dialog (the call must come from a click); resolves with none when cancelled. */
function pickFiles(kind: FileKind): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = kind === 'events';
    input.accept = FILE_EXTENSIONS[kind].map((e) => `.${e}`).join(',');
    input.hidden = true;
    input.dataset.ledgerChooser = kind;
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    document.body.append(input);
    input.click();
  });
}
