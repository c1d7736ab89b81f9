/**
 * Every call gets an answer, exactly once. An answer that cannot cross to the caller would
 * otherwise leave the call waiting forever, and the window that asked waiting with it: an event
 * whose data is nested thousands of levels deep (recorded before the envelope bounded nesting)
 * clones here, on the worker's large stack, and then overflows the receiving thread's smaller one,
 * where the message is dropped without a word. So an answer nested deeper than any real answer is
 * refused here with a reason, and one that fails to clone gets an error answer.
 */
import { nestedDeeperThan } from '../../shared/events/bounds';
import { consoleLogger, type Logger } from './handlers/errors';
import type { LedgerResult } from './handlers/dispatch';
import type { FromWorker } from './protocol';

/** Far deeper than any answer of the contract (an event's data is bounded at 32 levels), far below what a thread's stack clones. */
export const MAX_ANSWER_DEPTH = 256;

export async function answerCall(
  send: (message: FromWorker) => void,
  id: number,
  channel: string,
  call: () => Promise<LedgerResult>,
  log: Logger = consoleLogger,
): Promise<void> {
  let result: LedgerResult;
  try {
    result = await call();
    if (result.ok && nestedDeeperThan(result.response, MAX_ANSWER_DEPTH)) {
      result = {
        ok: false,
        error: {
          code: 'refused',
          message:
            `The answer to "${channel}" holds data nested more than ${MAX_ANSWER_DEPTH} levels deep ` +
            '(an event recorded before such data was refused at import); it cannot be shown.',
        },
      };
    }
  } catch (e) {
    log(`[worker] "${channel}" failed outside its handler`, e);
    result = { ok: false, error: { code: 'internal', message: 'Something went wrong in the journal worker.' } };
  }
  try {
    send({ type: 'result', id, ...result });
  } catch (e) {
    log(`[worker] the answer of "${channel}" cannot be sent`, e);
    send({
      type: 'result',
      id,
      ok: false,
      error: {
        code: 'internal',
        message: `The answer to "${channel}" cannot be sent back: it holds data too deep or too large to pass on.`,
      },
    });
  }
}
