/**
 * File uploads of the browser host: the page cannot hand the app a path (a browser has none to
 * give, and the app must not read what a page names), so it sends the chosen file's bytes.
 *
 *   POST /upload?kind=events|ruleSet&name=<file name>    body: the file's bytes
 *
 * The body is bounded by its Content-Length, judged before a byte is read (a body without one is
 * refused), and streamed into a private spool folder (0700, files 0600), never held in memory.
 * The spooled copy is handed to the journal worker as a chosen file of the calling page; the
 * import then reads it through the same code as a file chosen in Electron's dialog.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FILE_SIZE_LIMITS, fileKind, type FileKind } from '../../shared/contract/files';
import type { FileToGrant } from '../files/grants';

export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

/** The folder the host spools uploads into; removed when the host stops. */
export class UploadSpool {
  readonly folder: string;

  constructor(parent: string = tmpdir()) {
    this.folder = mkdtempSync(join(parent, 'ledger-uploads-'));
  }

  /** Check the request's kind, name and length, then stream its body to a new spool file. */
  async receive(
    req: IncomingMessage,
    url: URL,
    limits: Record<FileKind, number> = FILE_SIZE_LIMITS,
  ): Promise<{
    kind: FileKind;
    file: FileToGrant;
  }> {
    const kind = fileKind.safeParse(url.searchParams.get('kind'));
    if (!kind.success) throw new UploadRefused(400, 'kind: give "events" or "ruleSet".');
    const name = uploadName(url.searchParams.get('name'));
    const limit = limits[kind.data];
    const length = contentLength(req);
    if (length === undefined) throw new UploadRefused(411, 'An upload needs a Content-Length.');
    if (length > limit) {
      throw new UploadRefused(
        413,
        `${name} is ${length} bytes; the largest ${kind.data} file taken is ${limit} bytes.`,
      );
    }
    const path = join(this.folder, randomBytes(12).toString('hex'));
    let size = 0;
    try {
      await pipeline(
        req,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            // HTTP framing already stops at Content-Length; this is the belt to its braces.
            if (size > length) throw new UploadRefused(413, `${name} is longer than its Content-Length.`);
            yield chunk;
          }
        },
        createWriteStream(path, { flags: 'wx', mode: 0o600 }),
      );
    } catch (e) {
      rmSync(path, { force: true });
      if (e instanceof UploadRefused) throw e;
      throw new UploadRefused(400, `${name} did not arrive whole (${(e as Error).message}).`);
    }
    if (size !== length) {
      rmSync(path, { force: true });
      throw new UploadRefused(400, `${name} did not arrive whole (${size} of ${length} bytes).`);
    }
    return { kind: kind.data, file: { name, path, size, temporary: true } };
  }

  close(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** The Content-Length as a number, or undefined when absent or not a plain decimal. */
export function contentLength(req: Pick<IncomingMessage, 'headers'>): number | undefined {
  const value = req.headers['content-length'];
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The name the office will see for an upload: its last part only (a browser sends no folders,
 * and a name is never used as a path here), without control or bidi characters, at most 200.
 */
export function uploadName(given: string | null): string {
  const last = (given ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return clean.slice(0, 200) || 'upload';
}
