/**
 * The corrections log's state: filters (operator, dates), pages of rows, and the CSV export of
 * everything the filters match (not only the rows on screen).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CorrectionsLogRequest, CorrectionsLogRow } from '../../shared/contract/corrections';
import type { OperatorRecord } from '../../shared/contract/records';
import { isoWithOffset } from '../../shared/corrections';
import { failureOf, type CorrectionsLedger } from './ledger';

export interface LogFilters {
  operatorId: string;
  /** Calendar dates (YYYY-MM-DD) on this workstation, both days included; '' for open. */
  fromDate: string;
  toDate: string;
}

export interface LogState {
  filters: LogFilters;
  operators: OperatorRecord[];
  rows: CorrectionsLogRow[];
  nextBeforeSeq: number | null;
  loading: boolean;
  error: string | null;
}

export interface LogActions {
  setFilters(filters: Partial<LogFilters>): void;
  refresh(): Promise<void>;
  more(): Promise<void>;
  /** Every row the filters match, page after page. */
  allRows(): Promise<CorrectionsLogRow[]>;
}

export type LogStore = StoreApi<LogState & LogActions>;

export const PAGE = 200;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a local calendar day (or the end of it) as an ISO time with offset. */
export function dayBound(date: string, end: boolean): string | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const day = end
    ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999)
    : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0, 0);
  return isoWithOffset(day);
}

export function logRequest(filters: LogFilters, limit: number, beforeSeq?: number): CorrectionsLogRequest {
  const request: CorrectionsLogRequest = { limit };
  if (filters.operatorId) request.operatorId = filters.operatorId;
  const from = dayBound(filters.fromDate, false);
  const to = dayBound(filters.toDate, true);
  if (from) request.from = from;
  if (to) request.to = to;
  if (beforeSeq !== undefined) request.beforeSeq = beforeSeq;
  return request;
}

export function createCorrectionsLog(ledger: () => CorrectionsLedger): LogStore {
  let generation = 0;
  return createStore<LogState & LogActions>()((set, get) => ({
    filters: { operatorId: '', fromDate: '', toDate: '' },
    operators: [],
    rows: [],
    nextBeforeSeq: null,
    loading: false,
    error: null,
    setFilters(filters) {
      set({ filters: { ...get().filters, ...filters } });
      void get().refresh();
    },
    async refresh() {
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const api = ledger();
        const [operators, page] = await Promise.all([
          api.listOperators({}).catch(() => [] as OperatorRecord[]),
          api.correctionsLog(logRequest(get().filters, PAGE)),
        ]);
        if (mine !== generation) return;
        set({ operators, rows: page.rows, nextBeforeSeq: page.nextBeforeSeq, loading: false });
      } catch (e) {
        if (mine === generation) set({ loading: false, error: failureOf(e).message });
      }
    },
    async more() {
      const { nextBeforeSeq, filters, loading } = get();
      if (nextBeforeSeq === null || loading) return;
      const mine = generation;
      set({ loading: true });
      try {
        const page = await ledger().correctionsLog(logRequest(filters, PAGE, nextBeforeSeq));
        if (mine !== generation) return;
        set({ rows: [...get().rows, ...page.rows], nextBeforeSeq: page.nextBeforeSeq, loading: false });
      } catch (e) {
        set({ loading: false, error: failureOf(e).message });
      }
    },
    async allRows() {
      const { filters } = get();
      const rows: CorrectionsLogRow[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await ledger().correctionsLog(logRequest(filters, 1000, before));
        rows.push(...page.rows);
        if (page.nextBeforeSeq === null) return rows;
        before = page.nextBeforeSeq;
      }
    },
  }));
}
