/**
 * The one door into the handlers: `createHandlers(deps)` builds a function per contract channel
 * that validates the request (the renderer is untrusted), checks who may call it, runs the
 * handler, checks the answer in tests and development, and turns every failure into a
 * `{ code, message }` a person can read. Electron's ipcMain and the browser host's HTTP routes
 * both call these (through the journal worker), so they behave the same.
 *
 * The journal switch of practice lives here too: for a window whose session practises a
 * scenario, the practice channels (shared/contract/training `PRACTICE_CHANNELS`) get the
 * operator's training journal as `ctx.journal`, so the browse handlers read it unchanged, and
 * `correct` / `dismiss` run as the trainee's answer (`practiceHandlers`). The operator is still
 * who is signed in to the real journal; every other session keeps the real journal.
 */
import { readsTrainingJournal, traineeMayCall } from '../../../shared/contract/training';
import { channels, type ChannelDef, type ChannelName } from '../../../shared/contract/channels';
import type { LedgerResult } from '../../../shared/contract/result';
import type { OperatorRecord } from '../../../shared/contract/records';
import type { HandlerContext, LedgerServices, Session } from './context';
import { handlers as allHandlers, type HandlerTable } from '.';
import { practiceHandlers } from './training';
import type { Journal } from '../../journal';
import { JournalRefusal } from '../../journal/types';
import { consoleLogger, describeZodError, LedgerError, toLedgerError, type Logger } from './errors';
import { endIfIdle } from './idle';
import { isSupervisor } from '../../../shared/corrections/decide';

export type { LedgerResult } from '../../../shared/contract/result';

export type ChannelHandler = (request: unknown, session: Session) => Promise<LedgerResult>;

export interface HandlerDeps {
  /** The services of the journal open now (they change when another journal is opened). */
  services: () => LedgerServices;
  /** Check every answer against its schema before it leaves. Default: on unless NODE_ENV is production. */
  validateResponses?: boolean;
  log?: Logger;
  /** Replace the handler table (tests). */
  handlers?: Partial<HandlerTable>;
}

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export function createHandlers(deps: HandlerDeps): Record<ChannelName, ChannelHandler> {
  const table = deps.handlers ?? allHandlers;
  const log = deps.log ?? consoleLogger;
  const checkResponses = deps.validateResponses ?? process.env.NODE_ENV !== 'production';
  const out = {} as Record<ChannelName, ChannelHandler>;
  for (const name of Object.keys(channels) as ChannelName[]) {
    const def: ChannelDef = channels[name];
    type Run = (ctx: HandlerContext, request: unknown) => unknown;
    const handler = table[name] as Run | undefined;
    const inPractice = (practiceHandlers as Partial<Record<ChannelName, Run>>)[name] ?? handler;
    out[name] = async (request, session) => {
      try {
        if (!handler) throw new Error(`no handler is registered for the channel "${name}"`);
        const parsed = def.request.safeParse(request ?? {});
        if (!parsed.success) throw new LedgerError('invalid-request', describeZodError(parsed.error));
        const services = deps.services();
        endIfIdle(session, services);
        const operator = signedInOperator(services, session);
        const practising = operator !== null && !!session.practice;
        if (def.access !== 'public' && !operator && session.idleEnded) {
          throw new LedgerError(
            'not-signed-in',
            `This window went unused for ${services.settings.get().idleMinutes} minutes: ${session.idleEnded.id}, enter your password again.`,
          );
        }
        checkAccess(name, def.access, operator, practising);
        const training = readsTrainingJournal(name, practising)
          ? practiceJournal(services, operator!, session, name)
          : null;
        const ctx: HandlerContext = { ...services, journal: training ?? services.journal, session, operator };
        const response = await (training ? inPractice! : handler)(ctx, parsed.data);
        if (!checkResponses) return { ok: true, response };
        const checked = def.response.safeParse(response);
        if (!checked.success) {
          throw new Error(
            `the answer of "${name}" does not match its schema: ${describeZodError(checked.error, 'response')}`,
          );
        }
        return { ok: true, response: checked.data };
      } catch (e) {
        return { ok: false, error: toLedgerError(e, name, log) };
      }
    };
  }
  return out;
}

/** Re-read the operator on every call: one removed or another journal opened signs the window out. */
function signedInOperator(services: LedgerServices, session: Session): OperatorRecord | null {
  if (session.operatorId === null) return null;
  const operator = services.journal.getOperator(session.operatorId) ?? null;
  if (!operator) session.operatorId = null;
  return operator;
}

/**
 * The training journal of the session's practice. A practice that is over (the scenario loaded
 * again in another window) ends here: the session leaves practice, `session` then reports the
 * window as it now is (null: not practising), and any other channel is refused, saying why —
 * never answered from the real journal instead.
 */
function practiceJournal(
  services: LedgerServices,
  operator: OperatorRecord,
  session: Session,
  name: ChannelName,
): Journal | null {
  try {
    return services.desk.practiceJournal(operator.id, session.practice!);
  } catch (e) {
    if (!(e instanceof JournalRefusal)) throw e;
    session.practice = null;
    if (name === 'session') return null;
    throw new LedgerError('refused', `${e.message}.`);
  }
}

function checkAccess(
  name: string,
  access: ChannelDef['access'],
  operator: OperatorRecord | null,
  practising: boolean,
): void {
  if (access === 'public') return;
  if (!operator) throw new LedgerError('not-signed-in', 'Sign in first.');
  if (practising && readsTrainingJournal(name, practising)) {
    // In practice the correction form's writes are the trainee's answer, whoever practises.
    return;
  }
  if (access === 'supervisor' && !isSupervisor(operator.role)) {
    throw new LedgerError(
      'not-allowed',
      `Only a Supervisor may do this ("${name}"); ${operator.id} is a ${operator.role}.`,
    );
  }
  if (practising && !traineeMayCall(operator.role, name, access, true)) {
    throw new LedgerError(
      'not-allowed',
      `While practising, this window works on the training journal only: leave practice to use "${name}".`,
    );
  }
  if (!traineeMayCall(operator.role, name, access)) {
    throw new LedgerError(
      'not-allowed',
      `A Trainee works in training only; "${name}" is not open to ${operator.id} outside a practice scenario.`,
    );
  }
}
