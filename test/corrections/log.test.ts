/** The corrections log page's model and its CSV export. */
import { describe, expect, it } from 'vitest';
import { csvField, logToCsv, LOG_CSV_COLUMNS } from '../../renderer/corrections/csv';
import { createCorrectionsLog, dayBound, logRequest } from '../../renderer/corrections/logModel';
import type { CorrectionsLedger } from '../../renderer/corrections/ledger';
import type { CorrectionsLogRequest, CorrectionsLogRow } from '../../shared/contract/corrections';
import { instantOf } from '../../shared/events/envelope';

const row = (seq: number, over: Partial<CorrectionsLogRow> = {}): CorrectionsLogRow => ({
  seq,
  eventId: `e-${seq}`,
  type: 'StatusCorrected',
  orderId: '1345693',
  what: 'Correction',
  operator: { id: 'mlee', name: 'Mark Lee', role: 'Supervisor' },
  timestamp: '2026-11-27T08:15:00.000-05:00',
  fromStatus: 'PendingPicking',
  toStatus: 'Packed',
  reason: 'Found physically at bench 3',
  correctsEventId: 's-1345693-08',
  ...over,
});

describe('CSV', () => {
  it('quotes what needs quoting and keeps formulas from running', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('has a header and one line per row, every line with every column', () => {
    const csv = logToCsv([row(9), row(10, { reason: 'Entered in error, by Mark', correctsEventId: null })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(LOG_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(
      '9,e-9,StatusCorrected,1345693,mlee,Mark Lee,Supervisor,2026-11-27T08:15:00.000-05:00,PendingPicking,Packed,Found physically at bench 3,s-1345693-08,Correction',
    );
    expect(lines[2]).toBe(
      '10,e-10,StatusCorrected,1345693,mlee,Mark Lee,Supervisor,2026-11-27T08:15:00.000-05:00,PendingPicking,Packed,"Entered in error, by Mark",,Correction',
    );
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });
});

describe('filters', () => {
  it('a date is the whole local day, both ends included', () => {
    const from = dayBound('2026-11-27', false)!;
    const to = dayBound('2026-11-27', true)!;
    expect(instantOf(to) - instantOf(from)).toBe(24 * 3600 * 1000 - 1);
    expect(new Date(instantOf(from)).getHours()).toBe(0);
    expect(dayBound('', false)).toBeUndefined();
    expect(dayBound('27/11/2026', false)).toBeUndefined();
  });

  it('builds the request from what is set, and only that', () => {
    expect(logRequest({ operatorId: '', fromDate: '', toDate: '' }, 200)).toEqual({ limit: 200 });
    const r = logRequest({ operatorId: 'mlee', fromDate: '2026-11-01', toDate: '' }, 50, 99);
    expect(r).toEqual({ limit: 50, operatorId: 'mlee', from: dayBound('2026-11-01', false), beforeSeq: 99 });
  });
});

describe('the log model', () => {
  /** A ledger whose log holds `total` rows, answering pages by seq as the handler does. */
  function ledgerWith(total: number) {
    const all = Array.from({ length: total }, (_, i) => row(total - i));
    const requests: CorrectionsLogRequest[] = [];
    const api = {
      listOperators: async () => [{ id: 'mlee', name: 'Mark Lee', role: 'Supervisor' as const }],
      correctionsLog: async (req: CorrectionsLogRequest) => {
        requests.push(req);
        const limit = req.limit ?? 200;
        const rows = all.filter((r) => req.beforeSeq === undefined || r.seq < req.beforeSeq).slice(0, limit);
        return { rows, nextBeforeSeq: rows.length === limit ? rows[rows.length - 1]!.seq : null };
      },
    } as unknown as CorrectionsLedger;
    return { api, requests };
  }

  it('loads the first page, then older ones, and exports every row the filters match', async () => {
    const { api, requests } = ledgerWith(2500);
    const log = createCorrectionsLog(() => api);
    await log.getState().refresh();
    expect(log.getState().rows).toHaveLength(200);
    expect(log.getState().operators.map((o) => o.id)).toEqual(['mlee']);
    await log.getState().more();
    expect(
      log
        .getState()
        .rows.map((r) => r.seq)
        .slice(199, 201),
    ).toEqual([2301, 2300]);
    const every = await log.getState().allRows();
    expect(every).toHaveLength(2500);
    expect(new Set(every.map((r) => r.seq)).size).toBe(2500);
    expect(requests.slice(-3).map((r) => r.limit)).toEqual([1000, 1000, 1000]);
  });

  it('a change of filter asks again with it', async () => {
    const { api, requests } = ledgerWith(3);
    const log = createCorrectionsLog(() => api);
    log.getState().setFilters({ operatorId: 'mlee' });
    await new Promise((r) => setTimeout(r, 0));
    expect(requests.at(-1)).toEqual({ limit: 200, operatorId: 'mlee' });
    expect(log.getState().nextBeforeSeq).toBeNull();
  });
});
