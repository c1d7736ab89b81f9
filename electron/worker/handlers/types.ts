/**
 * The shape of a handler: the request already checked against the channel's schema (so
 * defaults are applied), the answer in the response schema's input type (checked in tests and
 * development before it leaves).
 */
import type { z } from 'zod';
import type { Channels, ChannelName } from '../../../shared/contract/channels';
import type { HandlerContext } from './context';

export type HandlerRequest<K extends ChannelName> = z.output<Channels[K]['request']>;
export type HandlerResponse<K extends ChannelName> = z.input<Channels[K]['response']>;

export type Handler<K extends ChannelName> = (
  ctx: HandlerContext,
  request: HandlerRequest<K>,
) => HandlerResponse<K> | Promise<HandlerResponse<K>>;

export type HandlerTable = { [K in ChannelName]: Handler<K> };

/** A capability's handlers for its own channels. */
export type PartialHandlers<K extends ChannelName> = { [P in K]: Handler<P> };
