/**
 * `warehouse-ledger`: the command line's dispatcher. Picks the command by its name (one or two words), runs
 * it, and turns what went wrong into an exit code: 0 done, 1 a check found a problem, 2 bad input
 * or refused — with a message on stderr that says what and where.
 */
import { JournalRefusal } from '../journal/types';
import { UsageError, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';
import { table } from './table';

export function findCommand(
  words: readonly string[],
  commands: readonly CliCommand[] = COMMANDS,
): { command: CliCommand; rest: string[] } | undefined {
  // Longest name first, so `rules show` wins over a `rules` group command.
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const parts = command.name.split(' ');
    if (parts.every((p, i) => words[i] === p)) return { command, rest: words.slice(parts.length) };
  }
  return undefined;
}

export function overview(commands: readonly CliCommand[] = COMMANDS): string {
  return [
    'usage: warehouse-ledger <command> [options]   (every command takes --db FILE and --json)',
    '',
    table(commands, [
      { header: 'command', value: (c) => c.name },
      { header: 'what it does', value: (c) => c.summary },
    ]),
    '',
    'warehouse-ledger <command> --help shows the options of one command.',
    'Exit codes: 0 done, 1 a check found a problem, 2 bad input or refused.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(overview(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length > 0) {
      io.err(`${argv[0]}: say which one: ${group.map((c) => c.name).join(', ')}`);
    } else {
      io.err(`unknown command "${argv[0]}"; warehouse-ledger --help lists the commands`);
    }
    return 2;
  }
  const { command, rest } = found;
  // Every command answers --help the same way, so none of them has to.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${command.name}: ${err.message}\n${command.usage}`);
      return 2;
    }
    if (err instanceof JournalRefusal) {
      io.err(`${command.name}: ${err.message}`);
      return 2;
    }
    if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('E')) {
      // A file system error (ENOENT, EACCES, …) names the path already.
      io.err(`${command.name}: ${err.message}`);
      return 2;
    }
    if (err instanceof Error && err.name === 'SqliteError') {
      // Not a journal, a locked or unreadable file: say so instead of a stack trace.
      io.err(`${command.name}: the journal file cannot be used: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
