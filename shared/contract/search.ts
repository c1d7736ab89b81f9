/**
 * One search for the whole journal (the palette, the Journal and Orders pages, the command line):
 * the words people remember an event by, through the journal's full-text index.
 */
import { z } from 'zod';
import { eventRecord, orderRecord } from './records';
import { channel, type ChannelDef } from './channel';

export const searchRequest = z.object({
  text: z.string().max(200),
  limit: z.number().int().min(1).max(200).default(20),
});

export const searchResult = z.object({
  /** The words looked up (each at least three characters); none: nothing was searched. */
  terms: z.array(z.string()),
  /** Matching events, newest first, at most `limit`. */
  events: z.array(eventRecord),
  /** Orders with a matching event, most recently active first, at most `limit`. */
  orders: z.array(orderRecord),
  /** More events match than are listed. */
  moreEvents: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResult>;

export const searchChannels = {
  search: channel(
    'operator',
    searchRequest,
    searchResult,
    'Events and orders matching every word typed: a person, a customer, part of an order id, a SKU, a reason.',
  ),
} satisfies Record<string, ChannelDef>;
