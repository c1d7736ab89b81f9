/**
 * Reading a file line by line without ever holding it whole: a 1 GB export from the main system
 * imports with the memory of one chunk plus one batch. Lines are split here, on the bytes (not by
 * readline), so we know the line numbers and the bytes read, can bound a line that never ends, and
 * can refuse a line that is not UTF-8 instead of reading U+FFFD into it.
 */
import { createReadStream } from 'node:fs';
import { checkFileStart, firstInvalidUtf8Byte, isUtf8 } from './utf8';

export interface Line {
  /** 1-based line number in the file. */
  number: number;
  /** The text without its line ending (`\n` or `\r\n`) and without a leading UTF-8 BOM. */
  text: string;
  /** Set when the line ended with `\r\n` (a CSV record spanning lines keeps its line breaks as written). */
  crlf?: true;
  /** Set when the line was longer than `maxLineChars`: `text` is then its beginning only. */
  truncated?: boolean;
  /** Set when the line's bytes are not UTF-8: the 1-based byte of the line where they stop being so. */
  invalidUtf8At?: number;
}

export interface LineChunk {
  lines: Line[];
  /** Bytes of the file read so far. */
  bytesRead: number;
}

export interface LineReaderOptions {
  /** A line longer than this (in bytes) is cut (and marked `truncated`) instead of growing without bound. */
  maxLineChars?: number;
  chunkBytes?: number;
}

const DEFAULT_MAX_LINE = 16 * 1024 * 1024;
const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * The lines of a file (its path, or a stream of its bytes: a chosen file, an upload), a chunk at a time: each chunk
 * holds the whole lines that ended in it. Throws FileEncodingError before any line when the file
 * is in another encoding than UTF-8.
 */
export async function* readLineChunks(
  source: string | AsyncIterable<Uint8Array>,
  options: LineReaderOptions = {},
): AsyncGenerator<LineChunk> {
  const maxLine = options.maxLineChars ?? DEFAULT_MAX_LINE;
  const chunks =
    typeof source === 'string'
      ? (createReadStream(source, { highWaterMark: options.chunkBytes ?? 1024 * 1024 }) as AsyncIterable<Buffer>)
      : source;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let pendingTruncated = false;
  let number = 0;
  let bytesRead = 0;
  // The first bytes wait until there are enough of them to tell the encoding by.
  let head: Buffer | undefined = Buffer.alloc(0);

  const lineOf = (bytes: Buffer, truncated: boolean): Line => {
    number += 1;
    const crlf = !truncated && bytes.length > 0 && bytes[bytes.length - 1] === CR;
    const body = crlf ? bytes.subarray(0, bytes.length - 1) : bytes;
    const line: Line = { number, text: body.toString('utf8') };
    if (crlf) line.crlf = true;
    if (truncated) line.truncated = true;
    else if (!isUtf8(body)) line.invalidUtf8At = firstInvalidUtf8Byte(body);
    return line;
  };
  const keep = (bytes: Buffer) => {
    if (pendingTruncated) return;
    if (pendingBytes + bytes.length > maxLine) {
      pending.push(bytes.subarray(0, maxLine - pendingBytes));
      pendingBytes = maxLine;
      pendingTruncated = true;
      return;
    }
    pending.push(bytes);
    pendingBytes += bytes.length;
  };
  const takePending = (): Buffer => {
    const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    return bytes;
  };

  /** Whole lines of decoded text (no final newline): the usual case, one decode for a chunk's lines. */
  const textLines = (text: string, lines: Line[]) => {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      let piece = nl === -1 ? text.slice(start) : text.slice(start, nl);
      number += 1;
      const line: Line = { number, text: piece };
      if (piece.length > maxLine) {
        line.text = piece.slice(0, maxLine);
        line.truncated = true;
      } else if (piece.endsWith('\r')) {
        piece = piece.slice(0, -1);
        line.text = piece;
        line.crlf = true;
      }
      lines.push(line);
      if (nl === -1) return;
      start = nl + 1;
    }
  };
  /** Whole lines of bytes (no final newline) of which some are not UTF-8: each is checked alone. */
  const byteLines = (bytes: Buffer, lines: Line[]) => {
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(NEWLINE, start);
      const piece = nl === -1 ? bytes.subarray(start) : bytes.subarray(start, nl);
      lines.push(piece.length > maxLine ? lineOf(piece.subarray(0, maxLine), true) : lineOf(piece, false));
      if (nl === -1) return;
      start = nl + 1;
    }
  };

  const split = (buf: Buffer): Line[] => {
    const lines: Line[] = [];
    let start = 0;
    if (pending.length > 0 || pendingTruncated) {
      const nl = buf.indexOf(NEWLINE);
      if (nl === -1) {
        keep(buf);
        return lines;
      }
      keep(buf.subarray(0, nl));
      const truncated = pendingTruncated;
      lines.push(lineOf(takePending(), truncated));
      pendingTruncated = false;
      start = nl + 1;
    }
    const last = buf.lastIndexOf(NEWLINE);
    if (last >= start) {
      const whole = buf.subarray(start, last);
      if (isUtf8(whole)) textLines(whole.toString('utf8'), lines);
      else byteLines(whole, lines);
      start = last + 1;
    }
    keep(buf.subarray(start));
    return lines;
  };

  for await (const raw of chunks) {
    let chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    bytesRead += chunk.length;
    if (head !== undefined) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) continue;
      chunk = head.subarray(checkFileStart(head));
      head = undefined;
    }
    yield { lines: split(chunk), bytesRead };
  }
  // A file of fewer than 4 bytes is all head.
  const lines = head !== undefined ? split(head.subarray(checkFileStart(head))) : [];
  // The last line may have no newline; a file ending in a newline has no empty line after it.
  if (pendingBytes > 0 || pendingTruncated) {
    const truncated = pendingTruncated;
    lines.push(lineOf(takePending(), truncated));
  }
  if (lines.length > 0 || head !== undefined) yield { lines, bytesRead };
}
