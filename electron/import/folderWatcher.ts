/**
 * The inbox folder: the main system's integration drops NDJSON or CSV files there, and each is
 * imported once it is completely written, then moved to `processed/` (or `rejected/` when no
 * line of it was usable), so the folder itself only ever holds what is still to do.
 *
 * "Completely written" is judged by the file alone, since the writer is another program: its
 * size and modification time are the same at two checks in a row. Polling does the work;
 * fs.watch only makes the next check come sooner (it is unreliable on network shares, which is
 * where such folders often are). Files that arrived while the app was closed are simply there
 * at the first check.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, watch, type FSWatcher } from 'node:fs';
import { extname, join, parse } from 'node:path';
import type { ImportReport } from '../../shared/contract/records';

export const FOLDER_EXTENSIONS = new Set(['.ndjson', '.jsonl', '.csv']);
export const PROCESSED = 'processed';
export const REJECTED = 'rejected';

export interface FolderImportOutcome {
  file: string;
  movedTo: string;
  report: ImportReport | null;
  /** Why the whole file was refused (unreadable, a CSV without the needed columns). */
  error: string | null;
}

export interface FolderWatcherOptions {
  folder: string;
  /** Import one file into the journal (the journal worker runs it as a job). */
  importFile(path: string): Promise<ImportReport>;
  onOutcome?(outcome: FolderImportOutcome): void;
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
}

interface Seen {
  size: number;
  mtimeMs: number;
}

/** Whether an import used nothing of the file (then it goes to `rejected/`). */
export function nothingUsable(report: ImportReport): boolean {
  return report.accepted === 0 && report.duplicates === 0;
}

export class FolderWatcher {
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;
  private fsWatcher: FSWatcher | undefined;
  private scanning: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: FolderWatcherOptions) {}

  /** Check now (files from while the app was closed), then every `pollMs`. */
  start(): void {
    const every = this.options.pollMs ?? 2000;
    this.timer = setInterval(() => void this.scan(), every);
    this.timer.unref();
    try {
      this.fsWatcher = watch(this.options.folder, () => void this.scan());
      this.fsWatcher.on('error', () => this.fsWatcher?.close());
    } catch {
      // No fs.watch here (a network share, say): the polling alone is enough.
    }
    void this.scan();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.fsWatcher?.close();
    await this.scanning;
  }

  /** One check of the folder; imports the files that have stopped growing. Never two at once. */
  scan(): Promise<void> {
    this.scanning ??= this.scanOnce().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const { folder } = this.options;
    if (!existsSync(folder)) return;
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (e) {
      this.options.log?.(`[inbox] cannot read ${folder}`, e);
      return;
    }
    const present = new Set<string>();
    for (const name of names.sort()) {
      if (this.stopped) return;
      if (!FOLDER_EXTENSIONS.has(extname(name).toLowerCase()) || name.startsWith('.')) continue;
      const file = join(folder, name);
      let stat;
      try {
        // lstat: a link is not followed. Only regular files directly in the folder are read, so a
        // link planted in the inbox cannot lead the import (and its refused lines) to another file;
        // the import itself opens the file without following links (O_NOFOLLOW) too.
        stat = lstatSync(file);
      } catch {
        continue; // gone between the listing and now
      }
      if (!stat.isFile()) continue;
      present.add(file);
      const before = this.seen.get(file);
      const now = { size: stat.size, mtimeMs: stat.mtimeMs };
      this.seen.set(file, now);
      if (!before || before.size !== now.size || before.mtimeMs !== now.mtimeMs) continue;
      await this.take(file);
      this.seen.delete(file);
    }
    for (const file of this.seen.keys()) if (!present.has(file)) this.seen.delete(file);
  }

  private async take(file: string): Promise<void> {
    let report: ImportReport | null = null;
    let error: string | null = null;
    try {
      report = await this.options.importFile(file);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.options.log?.(`[inbox] ${file} could not be imported`, e);
    }
    if (report?.cancelled) return; // the app is closing: the file stays for next time
    const to = error !== null || (report && nothingUsable(report)) ? REJECTED : PROCESSED;
    const movedTo = moveInto(join(this.options.folder, to), file);
    this.options.onOutcome?.({ file, movedTo, report, error });
  }
}

/** Move a file into a folder, never over another file of the same name. */
function moveInto(folder: string, file: string): string {
  mkdirSync(folder, { recursive: true });
  const { name, ext } = parse(file);
  let target = join(folder, name + ext);
  for (let n = 2; existsSync(target); n++) target = join(folder, `${name} (${n})${ext}`);
  renameSync(file, target);
  return target;
}
