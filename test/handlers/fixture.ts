/** A real journal in a temp folder with the services the handlers need, and a way to call them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../electron/journal';
import { TrainingDesk } from '../../electron/training/desk';
import { LedgerJobs } from '../../electron/worker/ledgerJobs';
import { SettingsStore } from '../../electron/settings/store';
import { importStream } from '../../electron/import/importFile';
import { FileGrants } from '../../electron/files/grants';
import { plainKeys } from '../../electron/export/keys';
import { createHandlers, type LedgerResult } from '../../electron/worker/handlers/dispatch';
import type { LedgerServices, Session } from '../../electron/worker/handlers/context';
import type { ImportWork } from '../../electron/worker/work';
import type { HandlerTable } from '../../electron/worker/handlers';
import { HANDBOOK_SAMPLES } from '../samples';

export const SAMPLES = HANDBOOK_SAMPLES;

export interface Fixture {
  dir: string;
  services: LedgerServices;
  pushes: { name: string; payload: unknown }[];
  logged: unknown[];
  call(channel: string, request: unknown, session: Session): Promise<LedgerResult>;
  /** Files as the main process would hand them over after the person chose them: their ids. */
  choose(session: Session, paths: string[], kind?: 'events' | 'ruleSet'): string[];
  close(): void;
}

export function openFixture(
  options: { handlers?: Partial<HandlerTable>; work?: ImportWork; clock?: () => number } = {},
): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-ipc-'));
  const journal = Journal.open(join(dir, 'journal.db'));
  const pushes: Fixture['pushes'] = [];
  const logged: unknown[] = [];
  const push: LedgerServices['push'] = (name, payload) => pushes.push({ name, payload });
  const work: ImportWork = options.work ?? {
    importFile: (j, file, job) => importStream(j, file, { signal: job.signal }),
    loadSample: () => Promise.reject(new Error('no sample in these tests')),
  };
  const services: LedgerServices = {
    journal,
    longJobs: new LedgerJobs(
      {
        progress: (p) => push('jobProgress', p),
        finished: (p) => push('jobFinished', p),
        batch: () => {},
      },
      () => {},
    ),
    desk: new TrainingDesk({ realJournalPath: journal.path, savedScenarios: null }),
    settings: new SettingsStore(null),
    // The key's own folder, as the user data folder's `signing-key` is: never the journal's.
    keys: { dir: join(dir, 'user-data', 'signing-key'), protector: plainKeys },
    workstationJournal: journal.path,
    push,
    work,
    files: new FileGrants(options.clock),
    clock: options.clock ?? Date.now,
  };
  const table = createHandlers({
    services: () => services,
    validateResponses: true,
    log: (_m, e) => logged.push(e),
    ...(options.handlers ? { handlers: options.handlers } : {}),
  });
  return {
    dir,
    services,
    pushes,
    logged,
    call: (channel, request, session) => table[channel as keyof typeof table](request, session),
    choose: (s, paths, kind = 'events') =>
      services.files
        .grant(
          s.id,
          kind,
          paths.map((path) => ({ name: path, path, size: 0, temporary: false })),
        )
        .map((f) => f.fileId),
    close() {
      services.desk.close();
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const session = (id = 'window-1'): Session => ({ id, operatorId: null });

/** The answer of a call that must succeed (the test fails with the error otherwise). */
export function answer<T = unknown>(result: LedgerResult): T {
  if (!result.ok) throw new Error(`expected an answer, got ${result.error.code}: ${result.error.message}`);
  return result.response as T;
}
