/** The one search (palette, Journal and Orders pages): through the journal's full-text index. */
import type { PartialHandlers } from './types';

export const searchHandlers: PartialHandlers<'search'> = {
  search(ctx, { text, limit }) {
    return ctx.journal.search(text, limit);
  },
};
