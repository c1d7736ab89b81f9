/** `operators add` and `operators list`: the office people who may sign in and correct. */
import { OPERATOR_ROLES, type OperatorRole } from '../../../shared/events/envelope';
import { expectPositionals, readArgs, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { table } from '../table';

export const operatorsAdd: CliCommand = {
  name: 'operators add',
  summary: 'add an office operator (password read from stdin)',
  usage: `usage: warehouse-ledger operators add ID --name NAME --role ${OPERATOR_ROLES.join('|')} --password-stdin [--db FILE] [--json]`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      name: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
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
    const password = (await io.readStdin()).replace(/\r?\n$/, '');
    if (password.length === 0) throw new UsageError('the password read from stdin is empty');
    return withJournal(values.db, io, (journal) => {
      const op = journal.addOperator({ id, name: values.name!, role: role as OperatorRole, password });
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
    return withJournal(values.db, io, (journal) => {
      const ops = journal.listOperators();
      if (values.json) io.out(JSON.stringify(ops));
      else
        io.out(
          table(ops, [
            { header: 'id', value: (o) => o.id },
            { header: 'name', value: (o) => o.name },
            { header: 'role', value: (o) => o.role },
          ]),
        );
      return 0;
    });
  },
};
