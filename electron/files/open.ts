/**
 * Opening a file the app was given (a chosen file, an upload, a file of the inbox folder) for
 * reading: the descriptor is opened first and everything is judged from it, so a file swapped
 * for a link between a check and the read cannot send the read elsewhere.
 */
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { ImportSource } from '../import/importFile';

export interface OpenedFile extends ImportSource {
  /** The open descriptor (until the stream takes it over). */
  fd: number;
  /** Close the file if the import never read it (a job cancelled before it began). */
  close(): void;
}

export class FileOpenError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'FileOpenError';
  }
}

export interface OpenOptions {
  /** Refuse a symbolic link (the inbox folder: nothing in it may lead out of it). */
  noFollow?: boolean;
  /** Refuse a file larger than this many bytes. */
  maxBytes?: number;
}

/** Open a regular file; `name` is what messages and the import report call it. */
export function openRegularFile(path: string, name: string, options: OpenOptions = {}): OpenedFile {
  // O_NOFOLLOW is not on Windows; there the inbox check of the listing (lstat) is what refuses links.
  const noFollow = options.noFollow && constants.O_NOFOLLOW !== undefined ? constants.O_NOFOLLOW : 0;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | noFollow);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new FileOpenError(name, 'is a link, and only files themselves are read');
    if (code === 'ENOENT') throw new FileOpenError(name, 'is not there (moved or deleted since it was chosen)');
    if (code === 'EACCES' || code === 'EPERM') throw new FileOpenError(name, 'may not be read by this account');
    throw new FileOpenError(name, `cannot be read (${code ?? (e as Error).message})`);
  }
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    close();
    throw new FileOpenError(name, 'is not a file');
  }
  if (options.maxBytes !== undefined && stat.size > options.maxBytes) {
    close();
    throw new FileOpenError(name, `is ${stat.size} bytes; at most ${options.maxBytes} are read`);
  }
  async function* stream(): AsyncGenerator<Buffer> {
    if (!open) return;
    // From here the stream owns the descriptor and closes it at the end, or on an error.
    open = false;
    yield* createReadStream('', { fd, autoClose: true, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>;
  }
  return { name, size: stat.size, fd, stream: stream(), close };
}

/** The whole text of a small file (a rule set), read through the same checks and never past `maxBytes`. */
export function readSmallFile(path: string, name: string, maxBytes: number): string {
  const file = openRegularFile(path, name, { maxBytes });
  // The descriptor is still the file's (the stream was never started): read it here at once.
  const fd = file.fd;
  try {
    const buffer = Buffer.alloc(Math.min(file.size, maxBytes) + 1);
    let size = 0;
    for (let n = -1; n !== 0 && size < buffer.length; size += n)
      n = readSync(fd, buffer, size, buffer.length - size, null);
    // The file grew after the check of its size: refuse rather than read a part of it.
    if (size > maxBytes) throw new FileOpenError(name, `is larger than ${maxBytes} bytes`);
    return buffer.subarray(0, size).toString('utf8');
  } finally {
    file.close();
  }
}
