/**
 * `corporate receive --watch DIR`: receive bundles as they land in a folder (the share the
 * workstations export to, or where a courier copies them).
 *
 * A bundle may be seen while it is still being copied in (a `cp -r` writes under the final name,
 * file after file). So a folder is received only once it looks whole — its manifest reads, the
 * signature is there, every file has the size its manifest gives — and has not changed between
 * two scans. A folder that stays incomplete and unchanged for `settleScans` scans is received
 * anyway, so that what is wrong with it is reported instead of waited on forever. Whatever the
 * outcome, a folder is not tried again until something in it changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DATA_FILES, parseBundleName, SIGNATURE_FILE, TEMP_PREFIX } from '../export/layout';
import { claimedManifest } from './bundleFiles';
import type { CorporateDb } from './db';
import { BundleRefused, receiveBundle, type Received } from './receive';

export type WatchReport =
  | { bundle: string; outcome: 'received' | 'already'; received: Received }
  | { bundle: string; outcome: 'refused'; error: BundleRefused }
  | { bundle: string; outcome: 'failed'; error: Error };

export interface WatchOptions {
  report: (r: WatchReport) => void;
  /** Scans a complete-looking but unfinished folder waits before it is received anyway. */
  settleScans?: number;
  onProgress?: (bundle: string, done: number, total: number) => void;
}

interface Seen {
  /** The folder's files, sizes and times at the last scan. */
  state: string;
  /** Scans in a row that found it unchanged. */
  unchanged: number;
  /** Tried already in this state. */
  tried: boolean;
}

export class BundleWatch {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly db: CorporateDb,
    private readonly dir: string,
    private readonly options: WatchOptions,
  ) {}

  /** One look at the folder: receives, in name order (so in seq order per workstation), what is ready. */
  async scan(): Promise<void> {
    const names = fs
      .readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith(TEMP_PREFIX))
      .map((e) => e.name)
      .filter((n) => parseBundleName(n) !== undefined)
      .sort();
    for (const name of names) {
      const full = path.join(this.dir, name);
      const state = folderState(full);
      if (state === undefined) continue; // gone meanwhile
      const before = this.seen.get(name);
      if (!before || before.state !== state) {
        this.seen.set(name, { state, unchanged: 0, tried: false });
        continue;
      }
      if (before.tried) continue;
      before.unchanged += 1;
      if (!looksWhole(full) && before.unchanged < (this.options.settleScans ?? 30)) continue;
      before.tried = true;
      await this.receive(name, full);
    }
  }

  private async receive(name: string, full: string): Promise<void> {
    try {
      if (await this.receivedAlready(full)) return;
      const received = await receiveBundle(this.db, full, {
        onProgress: (done, total) => this.options.onProgress?.(name, done, total),
      });
      this.options.report({ bundle: name, outcome: received.outcome, received });
    } catch (err) {
      if (err instanceof BundleRefused) this.options.report({ bundle: name, outcome: 'refused', error: err });
      else this.options.report({ bundle: name, outcome: 'failed', error: err as Error });
    }
  }

  /**
   * This exact manifest was received before: skipped without checking the files again (nothing
   * would be loaded anyway), so restarting a watch on a folder of old bundles costs nothing.
   */
  private async receivedAlready(full: string): Promise<boolean> {
    const claimed = claimedManifest(full);
    if (!claimed.ok) return false;
    const rows = await this.db.query(
      'SELECT 1 FROM bundles WHERE workstation = $1 AND from_seq = $2 AND manifest_sha256 = $3',
      [claimed.manifest.workstation, claimed.manifest.fromSeq, claimed.sha256],
    );
    return rows.length > 0;
  }
}

/** Scan `dir` every `intervalMs` until `signal` aborts. */
export async function watchBundles(
  db: CorporateDb,
  dir: string,
  options: WatchOptions & { intervalMs: number; signal: AbortSignal },
): Promise<void> {
  const watch = new BundleWatch(db, dir, options);
  while (!options.signal.aborted) {
    await watch.scan();
    await sleep(options.intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
  }
}

function folderState(dir: string): string | undefined {
  try {
    return fs
      .readdirSync(dir)
      .sort()
      .map((f) => {
        const s = fs.statSync(path.join(dir, f));
        return `${f}:${s.size}:${s.mtimeMs}`;
      })
      .join('|');
  } catch {
    return undefined;
  }
}

function looksWhole(dir: string): boolean {
  const claimed = claimedManifest(dir);
  if (!claimed.ok) return false;
  const sig = path.join(dir, SIGNATURE_FILE);
  if (!fs.existsSync(sig) || !fs.readFileSync(sig, 'utf8').endsWith('\n')) return false;
  return DATA_FILES.every((f) => {
    const entry = claimed.manifest.files[f];
    const file = path.join(dir, f);
    return entry !== undefined && fs.existsSync(file) && fs.statSync(file).size === entry.bytes;
  });
}
