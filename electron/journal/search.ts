/**
 * The journal's search: an FTS5 index of what people remember an event by — its order's id (or
 * part of it), who did it (id and name: "Walter" finds Walter Chin), the customer, the SKUs,
 * a correction's or dismissal's reason, the notification channel.
 *
 * `event_search` is contentless (`content=''`: only the index is stored, the words are in the
 * events already) and uses the trigram tokenizer, so any three letters or more of a word match,
 * case- and accent-insensitively: part of an order id is found like a whole one. Its rowid is
 * the event's seq, and a row is written by the same INSERT path, in the same transaction, as
 * the event. One function builds the text, registered in SQL too, so that the migration and a
 * rebuild fill the index exactly as appending does.
 */
import type Database from 'better-sqlite3';

/** The SQL name of `searchText` (registered on every connection the journal opens). */
const SQL_FUNCTION = 'ledger_search_text';

/** Events that carry the order id in the index whatever their place in the order's history. */
const NAMES_THE_ORDER = new Set(['OrderCreated', 'StatusCorrected', 'AnomalyDismissed', 'RuleSetActivated']);

/**
 * The words of one event. The order's own words (its id, its customer, its SKUs) go in once
 * per order, with its creation (or its first event, when the creation has not come), not with
 * each of its events: an import pays for every trigram, and the order is what is found. The
 * office events name the order too, so "1345693 bench" finds the correction. Fields are joined
 * with a newline: a word never matches across two fields.
 */
export function searchText(
  type: string,
  orderId: string,
  initiatorId: string,
  initiatorName: string | null | undefined,
  data: Record<string, unknown>,
  firstOfOrder: boolean,
): string {
  const parts = firstOfOrder || NAMES_THE_ORDER.has(type) ? [orderId, initiatorId] : [initiatorId];
  if (initiatorName) parts.push(initiatorName);
  const text = (v: unknown) => {
    if (typeof v === 'string' && v !== '') parts.push(v);
  };
  text(data['customer']);
  if (Array.isArray(data['lines'])) for (const line of data['lines'] as { sku?: unknown }[]) text(line?.sku);
  text(data['itemSku']);
  text(data['reason']);
  text(data['channel']);
  const order = data['order'] as { customer?: unknown } | undefined;
  if (order && typeof order === 'object') text(order.customer);
  return parts.join('\n');
}

/** Make `ledger_search_text(type, order_id, initiator_id, initiator_name, data, first_of_order)` callable from SQL. */
export function registerSearchFunction(db: Database.Database): void {
  db.function(SQL_FUNCTION, { deterministic: true }, (type, orderId, initiatorId, initiatorName, data, first) =>
    searchText(
      String(type),
      String(orderId),
      String(initiatorId),
      initiatorName === null ? null : String(initiatorName),
      JSON.parse(String(data)) as Record<string, unknown>,
      Number(first) === 1,
    ),
  );
}

/** Migration: the index, filled from the events already recorded. */
export function createSearchIndex(db: Database.Database): void {
  registerSearchFunction(db);
  db.exec(`CREATE VIRTUAL TABLE event_search USING fts5(text, content='', tokenize='trigram remove_diacritics 1')`);
  // FTS5's automatic merging runs inside the commit that added the row: on a large index a
  // one-event correction then now and then pays for merging big segments (its p99 went from
  // 0.6 to 15 ms at 1M events). Off, the index still merges when a level holds 16 segments
  // (FTS5's crisis merge), which keeps searches bounded; the setting is kept in the index.
  db.exec(`INSERT INTO event_search(event_search, rank) VALUES ('automerge', 0)`);
  fillSearchIndex(db);
}

/**
 * Some of the index's merging, bounded (about `pages` pages written), in its own transaction:
 * run after an office write has been answered. Every commit adds a segment to the index, and
 * with automatic merging off, FTS5 merges a level only once it holds 16 segments (its crisis
 * merge), inside whichever commit adds the 16th: a one-event correction then paid for merging
 * an import's big segments. Merging a little after each answer keeps the levels short, so that
 * commit never comes.
 */
export function mergeSearchIndexStep(db: Database.Database, pages = 500): void {
  db.prepare(`INSERT INTO event_search(event_search, rank) VALUES ('merge', ?)`).run(pages);
}

/**
 * A rebuild: fill the index again from every event when it does not hold exactly one row per
 * event (someone emptied or cut it). The index is derived from events, which never change, so a
 * whole one is left as it is: refilling it would double the time of every rebuild. The caller
 * holds the transaction.
 */
export function refillSearchIndex(db: Database.Database, force = false): boolean {
  // One row per indexed event in the index's own table of document sizes; seqs have no gaps.
  const index = db.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS last FROM event_search_docsize').get() as {
    n: number;
    last: number;
  };
  const last = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
  if (!force && index.n === last && index.last === last) return false;
  db.exec(`INSERT INTO event_search(event_search) VALUES ('delete-all')`);
  fillSearchIndex(db);
  return true;
}

function fillSearchIndex(db: Database.Database): void {
  db.exec(
    `INSERT INTO event_search(rowid, text)
       SELECT seq, ${SQL_FUNCTION}(type, order_id, initiator_id, initiator_name, data,
         seq = (SELECT min(seq) FROM events f WHERE f.order_id = events.order_id))
       FROM events ORDER BY seq`,
  );
}
