/** Real journals in temporary folders for the handler tests, with the office's operators. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Journal, type JournalKind } from '../../electron/journal';
import { instantOf } from '../../shared/events/envelope';
import type { OperatorRecord } from '../../shared/contract/records';
import type { OrderBook } from './history';

const open: { journal: Journal; dir: string }[] = [];

afterEach(() => {
  for (const { journal, dir } of open.splice(0)) {
    journal.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export interface Office {
  journal: Journal;
  mark: OperatorRecord;
  judy: OperatorRecord;
  tina: OperatorRecord;
  sue: OperatorRecord;
}

/** A fresh journal with a Supervisor (Mark, Sue), a Clerk (Judy) and a Trainee (Tina). */
export function office(kind: JournalKind = 'real'): Office {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corrections-test-'));
  const journal = Journal.open(path.join(dir, 'journal.sqlite'), { kind });
  open.push({ journal, dir });
  const add = (id: string, name: string, role: OperatorRecord['role']) =>
    journal.addOperator({ id, name, role, password: 'correct horse battery' });
  return {
    journal,
    mark: add('mlee', 'Mark Lee', 'Supervisor'),
    sue: add('sbell', 'Sue Bell', 'Supervisor'),
    judy: add('jdoe', 'Judy Doe', 'Clerk'),
    tina: add('tkim', 'Tina Kim', 'Trainee'),
  };
}

/** Record the events of a book not yet recorded (by eventId), as the main system would send them. */
export function record(journal: Journal, book: OrderBook): void {
  const known = new Set(journal.history(book.orderId).map((e) => e.eventId));
  const fresh = book.events.filter((e) => !known.has(e.eventId));
  journal.appendBatch(
    fresh.map((event) => ({ event, instant: instantOf(event.timestamp) })),
    'test.ndjson',
  );
}
