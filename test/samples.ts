/**
 * The handbook's sample files. The handbook lives beside the repository (`../shared/`), both on
 * a developer's machine and in CI's fresh clone; tests run from the repository's root.
 */
import { resolve } from 'node:path';

export const HANDBOOK_SAMPLES = resolve(process.env.LEDGER_SAMPLES ?? '../shared/handbook/samples');
