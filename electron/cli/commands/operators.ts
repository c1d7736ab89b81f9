/**
 * `operators add`, `list`, `disable` and `reset-password`: the office people who may sign in and
 * correct. Every change takes a Supervisor's password on stdin, checked like a sign-in.
 */
import { OPERATOR_ROLES, type OperatorRole } from '../../../shared/events/envelope';
import { expectPositionals, readArgs, withJournal } from '../args';
import { decideAddOperator } from '../../../shared/corrections/operatorChanges';
import type { OperatorRecord } from '../../../shared/contract/records';
import { JournalRefusal } from '../../journal/types';
import { UsageError, type CliCommand } from '../command';
import { authenticated, requireCredentials, stdinLines } from '../credentials';
import { table } from '../table';

export const operatorsAdd: CliCommand = {
  name: 'operators add',
  summary: "add an office operator (a Supervisor's authority; passwords on stdin)",
  usage:
    `usage: warehouse-ledger operators add ID --name NAME --role ${OPERATOR_ROLES.join('|')} --password-stdin --as SUPERVISOR [--db FILE] [--json]\n` +
    "  stdin: the new operator's password on the first line, then the Supervisor's on the second.\n" +
    '  Only the first operator of a journal without any needs no --as (and must be a Supervisor).',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      name: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      as: { type: 'string' },
    });
    expectPositionals(positionals, 1, 1, 'the operator id');
    const id = positionals[0]!;
    if (!values.name) throw new UsageError('give the operator a name with --name NAME');
    const role = values.role;
    if (!role || !(OPERATOR_ROLES as readonly string[]).includes(role)) {
      throw new UsageError(
        `--role must be one of ${OPERATOR_ROLES.join(', ')} (got ${role ? `"${role}"` : 'nothing'})`,
      );
    }
    // A password on the command line would end up in the shell history: stdin only.
    if (!values['password-stdin']) throw new UsageError('give the password on stdin with --password-stdin');
    const [password, supervisorPassword] = await stdinLines(io, 2);
    if (password!.length === 0) throw new UsageError('the password read from stdin is empty');
    return withJournal(values.db, io, async (journal) => {
      const operators = journal.listOperators().length;
      let adder: OperatorRecord | undefined;
      if (values.as !== undefined) {
        adder = await authenticated(journal, values.as, supervisorPassword!);
      } else if (operators > 0) {
        throw new UsageError(
          "adding an operator takes a Supervisor's authority: --as SUPERVISOR, with their password on the second line of stdin",
        );
      }
      // The journal's own insert refuses an id already taken, in its words.
      const decision = decideAddOperator({ type: 'addOperator', id, role }, { operators, taken: false }, adder);
      if (!decision.ok) throw new JournalRefusal(decision.code, decision.message);
      const op = journal.addOperator({ id, name: values.name!, role: role as OperatorRole, password: password! });
      if (values.json) io.out(JSON.stringify(op));
      else io.out(`added ${op.role} ${op.id} (${op.name})`);
      return 0;
    });
  },
};

export const operatorsList: CliCommand = {
  name: 'operators list',
  summary: 'list the office operators',
  usage: 'usage: warehouse-ledger operators list [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {});
    expectPositionals(positionals, 0, 0, '');
    return withJournal(values.db, io, async (journal) => {
      const ops = journal.listOperators();
      if (values.json) io.out(JSON.stringify(ops));
      else
        io.out(
          table(ops, [
            { header: 'id', value: (o) => o.id },
            { header: 'name', value: (o) => o.name },
            { header: 'role', value: (o) => o.role },
            { header: 'state', value: (o) => (o.disabled ? 'disabled' : '') },
          ]),
        );
      return 0;
    });
  },
};

export const operatorsDisable: CliCommand = {
  name: 'operators disable',
  summary: "disable an operator: no more sign-in, their windows signed out (a Supervisor's authority)",
  usage:
    'usage: warehouse-ledger operators disable ID --as SUPERVISOR --reason TEXT --password-stdin [--db FILE] [--json]\n' +
    "  stdin: the Supervisor's password on the first line. Recorded as an OperatorDisabled office event.",
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      as: { type: 'string' },
      reason: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    });
    expectPositionals(positionals, 1, 1, 'the operator id');
    const supervisorId = requireCredentials(values.as, values['password-stdin'], 'disabling an operator', '--as');
    if (values.reason === undefined) throw new UsageError('say why with --reason TEXT');
    const [supervisorPassword] = await stdinLines(io, 1);
    return withJournal(values.db, io, async (journal) => {
      const sup = await authenticated(journal, supervisorId, supervisorPassword!);
      const done = journal.disableOperator({ operatorId: sup.id, targetId: positionals[0]!, reason: values.reason! });
      if (values.json) io.out(JSON.stringify(done));
      else io.out(`disabled ${positionals[0]!} (event #${done.seq})`);
      return 0;
    });
  },
};

export const operatorsResetPassword: CliCommand = {
  name: 'operators reset-password',
  summary: "set an operator's new password (a Supervisor's authority; passwords on stdin)",
  usage:
    'usage: warehouse-ledger operators reset-password ID --as SUPERVISOR --reason TEXT --password-stdin [--db FILE] [--json]\n' +
    "  stdin: the new password on the first line, then the Supervisor's on the second. Recorded as a\n" +
    '  PasswordReset office event (who, whose and why; never the password).',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      as: { type: 'string' },
      reason: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    });
    expectPositionals(positionals, 1, 1, 'the operator id');
    const supervisorId = requireCredentials(values.as, values['password-stdin'], 'resetting a password', '--as');
    if (values.reason === undefined) throw new UsageError('say why with --reason TEXT');
    const [password, supervisorPassword] = await stdinLines(io, 2);
    if (password!.length === 0) throw new UsageError('the new password read from stdin is empty');
    return withJournal(values.db, io, async (journal) => {
      const sup = await authenticated(journal, supervisorId, supervisorPassword!);
      const done = await journal.resetPassword({
        operatorId: sup.id,
        targetId: positionals[0]!,
        password: password!,
        reason: values.reason!,
      });
      if (values.json) io.out(JSON.stringify(done));
      else io.out(`reset the password of ${positionals[0]!} (event #${done.seq})`);
      return 0;
    });
  },
};
