/**
 * A tiny router: which page is shown and with what parameters, plus a back stack so Alt+Left
 * and the Back button return to where the operator was (scroll positions live in the page
 * stores, so coming back lands on the same rows).
 */
import { create } from 'zustand';

export type RouteParams = Record<string, string | undefined>;

export interface Route {
  page: string;
  params: RouteParams;
}

interface RouterState extends Route {
  history: Route[];
  go(page: string, params?: RouteParams): void;
  back(): void;
}

const HISTORY_LIMIT = 50;

export const useRouter = create<RouterState>((set, get) => ({
  page: 'journal',
  params: {},
  history: [],
  go: (page, params = {}) => {
    const { page: from, params: fromParams, history } = get();
    if (from === page && sameParams(fromParams, params)) return;
    set({ page, params, history: [...history.slice(-HISTORY_LIMIT + 1), { page: from, params: fromParams }] });
  },
  back: () => {
    const { history } = get();
    const previous = history[history.length - 1];
    if (previous) set({ ...previous, history: history.slice(0, -1) });
  },
}));

export const go = (page: string, params?: RouteParams) => useRouter.getState().go(page, params);

function sameParams(a: RouteParams, b: RouteParams): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
