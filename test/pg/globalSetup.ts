/**
 * One PostgreSQL server for the whole test run (see ./server): started before the first test
 * file, stopped after the last. Each test file makes a database of its own on it.
 */
import type { TestProject } from 'vitest/node';
import { startTestServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the run's server, to its `postgres` database ('' = the PG* variables). */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startTestServer();
  project.provide('pgAdminUrl', server.adminUrl);
  return () => server.stop();
}
