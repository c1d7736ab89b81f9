/**
 * Writing files that survive a power cut: every file flushed before it is closed, folders
 * flushed after entries are added or renamed, so "renamed into place" really means "whole".
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';

/**
 * fsync a folder, so the names in it (a new file, a rename) are on disk too. Windows cannot open
 * a folder for that (NTFS journals renames itself), so there it is skipped.
 */
export function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Characters gathered before a write to the stream. */
const CHUNK = 64 * 1024;

/**
 * A text file written piece by piece (optionally gzipped), honouring back-pressure, hashed as
 * its bytes go to disk, and flushed before it is closed.
 */
export class FileSink {
  private readonly file: fs.WriteStream;
  private readonly head: Writable;
  private readonly gzipped: boolean;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private pending = '';
  private failure: Error | undefined;
  /** Rejects with the first error of either stream: awaited beside every wait, so none hangs. */
  private readonly failed: Promise<never>;

  constructor(
    readonly path: string,
    options: { gzip?: boolean } = {},
  ) {
    let reject: (err: Error) => void = () => {};
    this.failed = new Promise<never>((_, r) => (reject = r));
    this.failed.catch(() => {});
    const fail = (err: Error) => {
      this.failure ??= err;
      reject(err);
    };
    this.gzipped = options.gzip ?? false;
    this.file = fs.createWriteStream(path, { flags: 'wx', flush: true });
    this.file.on('error', fail);
    if (this.gzipped) {
      const gzip = createGzip({ level: 6 });
      gzip.on('error', fail);
      gzip.on('data', (chunk: Buffer) => this.count(chunk));
      gzip.pipe(this.file);
      this.head = gzip;
    } else {
      this.head = this.file;
    }
  }

  private count(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  /**
   * Add text. It is gathered into chunks of about 64 KiB before it goes to the stream: a write
   * (and a wait) per line made a 200,000-event export four times slower.
   */
  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending += text;
    if (this.pending.length >= CHUNK) await this.flushPending();
  }

  private async flushPending(): Promise<void> {
    if (this.pending === '') return;
    const chunk = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    if (!this.gzipped) this.count(chunk);
    if (!this.head.write(chunk)) await Promise.race([once(this.head, 'drain'), this.failed]);
  }

  /** End, flush and close; the file's sha256 and size. */
  async close(): Promise<{ sha256: string; bytes: number }> {
    await this.flushPending();
    if (this.failure) throw this.failure;
    const closed = once(this.file, 'close');
    this.head.end();
    await Promise.race([closed, this.failed]);
    if (this.failure) throw this.failure;
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  /** Close the file without caring how (after another failure). */
  abandon(): void {
    this.head.destroy();
    this.file.destroy();
  }
}

/** A small file written whole, flushed, with its sha256 and size. */
export function writeSmallFile(path: string, content: Buffer): { sha256: string; bytes: number } {
  fs.writeFileSync(path, content, { flag: 'wx', flush: true });
  return { sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length };
}
