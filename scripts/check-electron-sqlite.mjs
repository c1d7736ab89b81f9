// `npm run dist` runs this first: the installers ship build/native/better_sqlite3.node as the
// app's SQLite, so a missing one, or one built for Node's ABI, fails the build here with what to
// do, instead of packing an app that crashes when it opens the journal.
import { resolve } from 'node:path';
import { electronAddonProblem, electronTarget } from './native-abi.mjs';

const target = electronTarget();
const problem = electronAddonProblem(resolve('build/native/better_sqlite3.node'), target);
if (problem) {
  console.error(`dist: ${problem}.`);
  process.exit(1);
}
console.log(`dist: build/native/better_sqlite3.node is built for Electron ${target.version} (ABI ${target.abi}).`);
