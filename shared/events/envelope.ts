/**
 * The event envelope of handbook §2 and the data of each event type of §3.
 *
 * The schemas are the contract; `parseEnvelope` turns the first thing wrong with a line into a
 * sentence an office clerk can act on ("unknown role \"Janitor\""), because rejected lines are
 * shown to people, not to programmers.
 */
import { z } from 'zod';
import { dataOutOfBounds } from './bounds';

/** Roles of the people and systems on the floor (handbook §2). */
export const FLOOR_ROLES = ['Picker', 'Packer', 'Shipper', 'TeamLead', 'Supervisor', 'System'] as const;
export type FloorRole = (typeof FLOOR_ROLES)[number];

/** Roles of the office operators who use the ledger itself. */
export const OPERATOR_ROLES = ['Supervisor', 'Clerk', 'Trainee'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Every role an event may carry: floor roles for the main system, operator roles for office events. */
export type InitiatorRole = FloorRole | OperatorRole;

/** The statuses of handbook §4. A rule set may know more (the 1998 handbook's PostPicking). */
export const HANDBOOK_STATUSES = [
  'Received',
  'PendingPicking',
  'Picking',
  'Picked',
  'Packed',
  'Shipped',
  'Delivered',
  'OnHold',
  'Cancelled',
] as const;
export type Status = string;

/** Events the main warehouse system emits. */
export const MAIN_SYSTEM_EVENT_TYPES = ['OrderCreated', 'ItemPicked', 'StatusChanged', 'CustomerNotified'] as const;
/**
 * Events the ledger's own operators write. `AnomalyDismissed` marks a false alarm;
 * `RuleSetActivated` records which rule set is in force from the next event on;
 * `CorrectionRequested` is a Clerk handing a wrong status to a Supervisor, and
 * `CorrectionDeclined` a Supervisor turning such a request down; `OperatorDisabled` and
 * `PasswordReset` audit a Supervisor's changes to who may sign in.
 */
export const OFFICE_EVENT_TYPES = [
  'StatusCorrected',
  'AnomalyDismissed',
  'RuleSetActivated',
  'CorrectionRequested',
  'CorrectionDeclined',
  'OperatorDisabled',
  'PasswordReset',
] as const;
export const EVENT_TYPES = [...MAIN_SYSTEM_EVENT_TYPES, ...OFFICE_EVENT_TYPES] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type OfficeEventType = (typeof OFFICE_EVENT_TYPES)[number];

export function isOfficeEventType(type: string): type is OfficeEventType {
  return (OFFICE_EVENT_TYPES as readonly string[]).includes(type);
}

/** ISO 8601 date and time with a seconds part optional, fractions allowed, and a mandatory offset. */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/** The last timestamp read and its instant: the events of a file come in runs of the same second. */
let lastTimestamp = '';
let lastInstant = NaN;

/**
 * Milliseconds since the epoch of an ISO 8601 timestamp with offset, or NaN when it is not one.
 * Worked out from the fields the check reads anyway, as Date.parse would (fractions cut to the
 * millisecond): an import reads every event's timestamp, and Date.parse cost as much again as
 * the check.
 */
export function instantOf(timestamp: string): number {
  if (timestamp === lastTimestamp) return lastInstant;
  const instant = readInstant(timestamp);
  lastTimestamp = timestamp;
  lastInstant = instant;
  return instant;
}

function readInstant(timestamp: string): number {
  const m = ISO_WITH_OFFSET.exec(timestamp);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, fraction, , sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return NaN;
  // Date.UTC reads a year below 100 as 19xx; such a year is left to Date.parse.
  if (year < 100) return Date.parse(timestamp);
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const nonBlank = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((v) => v.trim().length > 0, { message: 'must not be blank' });

export const timestampSchema = z
  .string()
  .refine((v) => !Number.isNaN(instantOf(v)), { message: 'is not an ISO 8601 time with a time-zone offset' });

const positiveQty = z.number().int().positive();

export const orderLineSchema = z.object({ sku: nonBlank(128), qty: positiveQty });
export type OrderLine = z.infer<typeof orderLineSchema>;

/** The order as the ledger knows it, carried inside a correction (handbook §3). */
export const orderSnapshotSchema = z.object({
  orderId: nonBlank(64),
  customer: z.string().optional(),
  lines: z.array(orderLineSchema),
});
export type OrderSnapshot = z.infer<typeof orderSnapshotSchema>;

/** The handbook's minimum for an office event's reason (§3: "non-blank, at least 10 characters"). */
export const MIN_REASON_LENGTH = 10;

/** A correction's reason: non-blank and at least 10 characters of substance. */
export const reasonSchema = z.string().refine((v) => v.trim().length >= MIN_REASON_LENGTH, {
  message: `must give a reason of at least ${MIN_REASON_LENGTH} characters`,
});

/**
 * Data of each event type. Objects are loose: fields the main system adds later are kept as
 * they came, because nothing recorded may be lost.
 */
export function dataSchemas(statuses: readonly string[]) {
  const status = z.enum(statuses as [string, ...string[]]);
  return {
    OrderCreated: z.looseObject({ customer: z.string().optional(), lines: z.array(orderLineSchema).min(1) }),
    ItemPicked: z.looseObject({ itemSku: nonBlank(128), itemQty: positiveQty }),
    StatusChanged: z.looseObject({ status }),
    CustomerNotified: z.looseObject({ channel: z.string() }),
    StatusCorrected: z.looseObject({
      status,
      reason: reasonSchema,
      correctsEventId: nonBlank(128).optional(),
      order: orderSnapshotSchema,
    }),
    AnomalyDismissed: z.looseObject({ dismissesEventId: nonBlank(128), reason: reasonSchema }),
    RuleSetActivated: z.looseObject({
      ruleSetId: nonBlank(128),
      version: z.number().int(),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      reason: reasonSchema,
      ruleSet: z.record(z.string(), z.unknown()),
    }),
    CorrectionRequested: z.looseObject({
      correctsEventId: nonBlank(128),
      status,
      reason: reasonSchema,
      note: z.string().max(2000).optional(),
    }),
    CorrectionDeclined: z.looseObject({ requestEventId: nonBlank(128), reason: reasonSchema }),
    OperatorDisabled: z.looseObject({ operatorId: nonBlank(128), reason: reasonSchema }),
    PasswordReset: z.looseObject({ operatorId: nonBlank(128), reason: reasonSchema }),
  } satisfies Record<EventType, z.ZodType>;
}

export const initiatorSchema = (roles: readonly string[]) =>
  z.object({
    id: nonBlank(128),
    name: z.string().max(256).optional(),
    role: z.enum(roles as [string, ...string[]]),
  });
export type Initiator = { id: string; name?: string; role: InitiatorRole };

/** A validated event as it travels: the envelope of handbook §2. */
export interface OrderEvent<T extends EventType = EventType, D = Record<string, unknown>> {
  eventId: string;
  type: T;
  orderId: string;
  traceId?: string;
  initiatedBy: Initiator;
  timestamp: string;
  data: D;
}

export interface OrderCreatedData {
  customer?: string;
  lines: OrderLine[];
}
export interface ItemPickedData {
  itemSku: string;
  itemQty: number;
}
export interface StatusData {
  status: Status;
}
export interface StatusCorrectedData {
  status: Status;
  reason: string;
  correctsEventId?: string;
  order: OrderSnapshot;
}
export interface AnomalyDismissedData {
  dismissesEventId: string;
  reason: string;
}
export interface CorrectionRequestedData {
  /** The flagged event the Clerk would have corrected. */
  correctsEventId: string;
  /** The status the Clerk proposes. */
  status: Status;
  reason: string;
  /** A word to the Supervisor besides the reason that would go into the correction. */
  note?: string;
}
export interface CorrectionDeclinedData {
  requestEventId: string;
  reason: string;
}

const envelopeShape = (roles: readonly string[]) =>
  z.object({
    eventId: nonBlank(128),
    type: z.enum(EVENT_TYPES),
    orderId: nonBlank(64),
    traceId: z.string().max(128).optional(),
    initiatedBy: initiatorSchema(roles),
    timestamp: timestampSchema,
    data: z.record(z.string(), z.unknown()),
  });

export type ParseResult = { ok: true; event: OrderEvent } | { ok: false; reason: string };

/** What the parser knows of the rule set in force: which statuses exist. */
export interface EnvelopeOptions {
  statuses: readonly string[];
  /** Office events are written by operators inside the ledger; files from the main system may not carry them. */
  allowOfficeEvents?: boolean;
}

/**
 * Validate one decoded JSON value as an event envelope. Returns the normalised event (empty
 * optional strings dropped, unknown top-level fields dropped) or the first reason it is not one.
 */
export function parseEnvelope(value: unknown, options: EnvelopeOptions): ParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: `not a JSON object (got ${describeJsonKind(value)})` };
  }
  const tooBig = dataOutOfBounds((value as Record<string, unknown>).data);
  if (tooBig) return { ok: false, reason: tooBig };
  const fast = fastEnvelope(value as Record<string, unknown>, options);
  return fast ? { ok: true, event: fast } : parseEnvelopeBySchema(value, options, true);
}

/** `parseEnvelope` by the zod schemas alone: the authority the fast path is held to. */
export function parseEnvelopeBySchema(value: unknown, options: EnvelopeOptions, boundsChecked = false): ParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: `not a JSON object (got ${describeJsonKind(value)})` };
  }
  const tooBig = boundsChecked ? undefined : dataOutOfBounds((value as Record<string, unknown>).data);
  if (tooBig) return { ok: false, reason: tooBig };
  const roles = options.allowOfficeEvents ? [...FLOOR_ROLES, 'Clerk', 'Trainee'] : FLOOR_ROLES;
  const envelope = cachedEnvelope(roles);
  const head = envelope.safeParse(value);
  if (!head.success) return { ok: false, reason: explain(head.error, value) };
  const e = head.data;
  if (!options.allowOfficeEvents && isOfficeEventType(e.type)) {
    return {
      ok: false,
      reason: `${e.type} is an office event: operators write it in the ledger, it cannot be imported`,
    };
  }
  const schemas = cachedData(options.statuses);
  const data = schemas[e.type].safeParse(e.data);
  if (!data.success) return { ok: false, reason: explain(data.error, e.data, 'data') };
  const event: OrderEvent = {
    eventId: e.eventId,
    type: e.type,
    orderId: e.orderId,
    initiatedBy: normaliseInitiator(e.initiatedBy as Initiator),
    timestamp: e.timestamp,
    data: data.data as Record<string, unknown>,
  };
  if (e.traceId) event.traceId = e.traceId;
  return { ok: true, event };
}

function normaliseInitiator(i: Initiator): Initiator {
  return i.name ? { id: i.id, name: i.name, role: i.role } : { id: i.id, role: i.role };
}

// Building zod schemas is far costlier than using them: build each shape once per status list.
const envelopeCache = new Map<string, ReturnType<typeof envelopeShape>>();
function cachedEnvelope(roles: readonly string[]) {
  const key = roles.join('|');
  let s = envelopeCache.get(key);
  if (!s) envelopeCache.set(key, (s = envelopeShape(roles)));
  return s;
}
const dataCache = new Map<string, ReturnType<typeof dataSchemas>>();
function cachedData(statuses: readonly string[]) {
  const key = statuses.join('|');
  let s = dataCache.get(key);
  if (!s) dataCache.set(key, (s = dataSchemas(statuses)));
  return s;
}

function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Field names as the handbook writes them: `initiatedBy.role`, `data.lines[0].qty`. */
function fieldName(path: readonly PropertyKey[], prefix?: string): string {
  const parts = prefix ? [prefix, ...path] : [...path];
  return parts.reduce<string>((acc, p) => {
    if (typeof p === 'number') return `${acc}[${p}]`;
    return acc ? `${acc}.${String(p)}` : String(p);
  }, '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The first issue of a zod error as a sentence about the field, its value and the rule it breaks. */
function explain(error: z.ZodError, root: unknown, prefix?: string): string {
  const issue = error.issues[0]!;
  const field = fieldName(issue.path, prefix);
  const value = valueAt(root, issue.path);
  const last = issue.path[issue.path.length - 1];
  if (value === undefined) return `missing field "${field}"`;
  if (issue.code === 'invalid_value') {
    const what =
      last === 'type' ? 'type' : last === 'role' ? 'role' : last === 'status' ? 'status' : `value of ${field}`;
    return `unknown ${what} ${JSON.stringify(value)}`;
  }
  if (last === 'timestamp') return `timestamp ${JSON.stringify(value)} is not ISO 8601 with a time-zone offset`;
  if ((last === 'qty' || last === 'itemQty') && typeof value === 'number') {
    return `${field} must be a positive whole number (got ${value})`;
  }
  if (issue.code === 'too_small' && Array.isArray(value)) return `${field} must have at least one entry`;
  if (issue.code === 'too_big')
    return `${field} is too long (at most ${String((issue as { maximum?: unknown }).maximum)} characters)`;
  if (issue.code === 'too_small' && typeof value === 'string') return `${field} must not be empty`;
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'record' || issue.expected === 'object' ? 'an object' : issue.expected;
    return `${field} must be ${expected} (got ${describeJsonKind(value)})`;
  }
  return `${field} ${issue.message}`;
}

/*
 * The fast path. Importing a million events spends most of its validation time inside zod, so
 * the common case (a well-formed main-system event) is checked by hand first. It accepts only
 * what the schemas above accept and builds the same normalised event (a property test holds
 * it to that); anything it is not sure of goes to zod, which stays the authority and the one
 * that explains what is wrong.
 */
const MAIN_TYPES: ReadonlySet<string> = new Set(MAIN_SYSTEM_EVENT_TYPES);
const FLOOR_ROLE_SET: ReadonlySet<string> = new Set(FLOOR_ROLES);
const statusSets = new Map<readonly string[], ReadonlySet<string>>();

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= max && v.trim().length > 0;
const isQty = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

export function fastEnvelope(value: Record<string, unknown>, options: EnvelopeOptions): OrderEvent | undefined {
  const { eventId, type, orderId, traceId, initiatedBy, timestamp, data } = value;
  if (!isText(eventId, 128) || typeof type !== 'string' || !MAIN_TYPES.has(type) || !isText(orderId, 64)) return;
  if (traceId !== undefined && (typeof traceId !== 'string' || traceId.length > 128)) return;
  if (!isPlainObject(initiatedBy) || !isPlainObject(data)) return;
  const { id, name, role } = initiatedBy;
  if (!isText(id, 128) || typeof role !== 'string' || !FLOOR_ROLE_SET.has(role)) return;
  if (name !== undefined && (typeof name !== 'string' || name.length > 256)) return;
  if (typeof timestamp !== 'string' || Number.isNaN(instantOf(timestamp))) return;
  const checked = fastData(type as (typeof MAIN_SYSTEM_EVENT_TYPES)[number], data, options.statuses);
  if (!checked) return;
  const event: OrderEvent = {
    eventId,
    type: type as EventType,
    orderId,
    initiatedBy: name ? { id, name, role: role as InitiatorRole } : { id, role: role as InitiatorRole },
    timestamp,
    data: checked,
  };
  if (traceId) event.traceId = traceId;
  return event;
}

function fastData(
  type: (typeof MAIN_SYSTEM_EVENT_TYPES)[number],
  data: Record<string, unknown>,
  statuses: readonly string[],
): Record<string, unknown> | undefined {
  switch (type) {
    case 'StatusChanged': {
      let known = statusSets.get(statuses);
      if (!known) statusSets.set(statuses, (known = new Set(statuses)));
      return typeof data.status === 'string' && known.has(data.status) ? data : undefined;
    }
    case 'ItemPicked':
      return isText(data.itemSku, 128) && isQty(data.itemQty) ? data : undefined;
    case 'CustomerNotified':
      return typeof data.channel === 'string' ? data : undefined;
    case 'OrderCreated': {
      const { customer, lines } = data;
      if (customer !== undefined && typeof customer !== 'string') return;
      if (!Array.isArray(lines) || lines.length === 0) return;
      const clean: OrderLine[] = [];
      for (const line of lines) {
        if (!isPlainObject(line) || !isText(line.sku, 128) || !isQty(line.qty)) return;
        clean.push({ sku: line.sku, qty: line.qty }); // line objects are strict: extra keys dropped, as zod does
      }
      return { ...data, lines: clean };
    }
  }
}
