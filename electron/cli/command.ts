/**
 * The shape of one command of `warehouse-ledger`. A command is a module in ./commands listed in
 * ./commands/index.ts; the dispatcher in ./main picks it by its (possibly two-word) name, so a new
 * command is one file and one line in the index.
 */

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  /** One line (or block) of normal output, newline added. */
  out(text: string): void;
  /** One line of trouble for stderr, newline added. */
  err(text: string): void;
  /** Everything on stdin (for `--password-stdin`). */
  readStdin(): Promise<string>;
  /** The journal used when `--db` is not given. */
  defaultDb: string;
  /** The user data folder (settings, the signing key); default: the app's (../paths). Tests pass their own. */
  userData?: string;
}

export interface CliCommand {
  /** `import`, or a group and a verb: `rules show`. */
  name: string;
  /** One line for the command list of `--help`. */
  summary: string;
  /** The usage text printed by `<command> --help` and after a usage error. */
  usage: string;
  /** Run with the words after the command's name; resolves to the exit code (0, 1 or 2). */
  run(args: string[], io: CliIo): number | Promise<number>;
}

/** Bad input the user can fix: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of every command. */
export const EXIT = { done: 0, problem: 1, refused: 2 } as const;
