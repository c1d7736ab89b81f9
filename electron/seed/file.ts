/** A generated history written as an NDJSON file (for the bench and end-to-end tests). */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { OrderEvent } from '../../shared/events/envelope';

/** Write events one per line; returns how many. Buffered, so a million events take seconds. */
export function writeNdjson(path: string, events: Iterable<OrderEvent>): number {
  const fd = openSync(path, 'w');
  let count = 0;
  let buffer: string[] = [];
  let size = 0;
  try {
    for (const event of events) {
      const line = `${JSON.stringify(event)}\n`;
      buffer.push(line);
      size += line.length;
      count += 1;
      if (size >= 1 << 20) {
        writeSync(fd, buffer.join(''));
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length > 0) writeSync(fd, buffer.join(''));
  } finally {
    closeSync(fd);
  }
  return count;
}
