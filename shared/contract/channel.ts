/**
 * What a contract channel is, and the one helper every contract file declares its channels with.
 * Kept apart from ./channels (which spreads every capability's channels into one table) so that
 * a capability's file needs nothing of that table.
 */
import type { z } from 'zod';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** Who may call it: anyone (before sign-in), any signed-in operator, or Supervisors only. */
  access: 'public' | 'operator' | 'supervisor';
  doc: string;
}

export const channel = <Req extends z.ZodType, Res extends z.ZodType>(
  access: ChannelDef['access'],
  request: Req,
  response: Res,
  doc: string,
): ChannelDef<Req, Res> => ({ request, response, access, doc });
