/**
 * Reading a file line by line without ever holding it whole: a 1 GB export from the main system
 * imports with the memory of one chunk plus one batch. Lines are split here (not by readline) so
 * we know the line numbers and the bytes read, and can bound a line that never ends.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface Line {
  /** 1-based line number in the file. */
  number: number;
  /** The text without its line ending (`\n` or `\r\n`) and without a leading UTF-8 BOM. */
  text: string;
  /** Set when the line was longer than `maxLineChars`: `text` is then its beginning only. */
  truncated?: boolean;
}

export interface LineChunk {
  lines: Line[];
  /** Bytes of the file read so far. */
  bytesRead: number;
}

export interface LineReaderOptions {
  /** A line longer than this is cut (and marked `truncated`) instead of growing without bound. */
  maxLineChars?: number;
  chunkBytes?: number;
}

const DEFAULT_MAX_LINE = 16 * 1024 * 1024;

/**
 * The lines of a file (its path, or a stream of its bytes: a chosen file, an upload), a chunk at
 * a time (each chunk holds the whole lines that ended in it).
 */
export async function* readLineChunks(
  source: string | AsyncIterable<Buffer>,
  options: LineReaderOptions = {},
): AsyncGenerator<LineChunk> {
  const maxLine = options.maxLineChars ?? DEFAULT_MAX_LINE;
  const stream =
    typeof source === 'string'
      ? createReadStream(source, { highWaterMark: options.chunkBytes ?? 1024 * 1024 })
      : source;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let pendingTruncated = false;
  let number = 0;
  let bytesRead = 0;
  let first = true;
  const finish = (text: string, truncated: boolean): Line => {
    number += 1;
    const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    return truncated ? { number, text: clean, truncated } : { number, text: clean };
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      // A BOM is a mark of the encoding, not part of the first line.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const lines: Line[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      let full = pending;
      let truncated = pendingTruncated;
      if (!truncated) {
        full += text.slice(start, nl);
        if (full.length > maxLine) {
          full = full.slice(0, maxLine);
          truncated = true;
        }
      }
      lines.push(finish(full, truncated));
      pending = '';
      pendingTruncated = false;
      start = nl + 1;
    }
    if (!pendingTruncated) {
      pending += text.slice(start);
      if (pending.length > maxLine) {
        pending = pending.slice(0, maxLine);
        pendingTruncated = true;
      }
    }
    yield { lines, bytesRead };
  }
  const rest = pending + (pendingTruncated ? '' : decoder.end());
  // The last line may have no newline; a file ending in a newline has no empty line after it.
  if (rest.length > 0 || pendingTruncated) yield { lines: [finish(rest, pendingTruncated)], bytesRead };
}
