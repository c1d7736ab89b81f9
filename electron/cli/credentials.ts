/**
 * Who is acting on the command line. An office action (a correction, a dismissal, a rule change,
 * a new operator) is written in an operator's name, so the command must prove it is that
 * operator: the password comes on stdin (never as an argument, where the shell history and `ps`
 * would keep it) and is checked like a sign-in. Anyone with a shell is otherwise nobody.
 */
import type { OperatorRecord } from '../../shared/contract/records';
import type { JournalApi } from '../journal/types';
import { checkPassword } from '../operators/signIn';
import { UsageError, type CliIo } from './command';

/** The lines of stdin, each without its line ending; a missing line is ''. */
export async function stdinLines(io: Pick<CliIo, 'readStdin'>, count: number): Promise<string[]> {
  const lines = (await io.readStdin()).split(/\r?\n/);
  return Array.from({ length: count }, (_, i) => lines[i] ?? '');
}

/** Refuse an office command that was not given `--operator ID --password-stdin`. */
export function requireCredentials(
  operator: string | undefined,
  passwordStdin: boolean | undefined,
  what: string,
  option = '--operator',
): string {
  if (!operator) throw new UsageError(`give the operator ${what} with ${option} ID`);
  if (!passwordStdin) {
    throw new UsageError(
      `--password-stdin is required: ${what} is written in ${operator}'s name, so give their password on the first line of stdin`,
    );
  }
  return operator;
}

/**
 * The operator whose password this is, checked as a sign-in is (the same throttle and lock, kept
 * in the same log, from `command line`); refused (exit 2) in the same words for a wrong id or
 * password.
 */
export function authenticated(journal: JournalApi, operatorId: string, password: string): Promise<OperatorRecord> {
  if (password === '') throw new UsageError('the password read from stdin is empty');
  return checkPassword(journal, { operatorId, password, from: 'command line', now: Date.now() });
}
