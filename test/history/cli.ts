/** The command line run in process on a journal file, its output captured (for the history and people commands). */
import path from 'node:path';
import { runCli } from '../../electron/cli/run';

export interface Ran {
  code: number;
  out: string;
  err: string;
  json<T = unknown>(): T;
}

export async function run(args: string[], stdin = ''): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => stdin,
    defaultDb: path.join('/nonexistent', 'default.db'),
  });
  const text = out.join('\n');
  return { code, out: text, err: err.join('\n'), json: <T>() => JSON.parse(text) as T };
}
