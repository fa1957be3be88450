import os from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, E2E_DATABASE_VARIABLE, type TestDatabase } from './testDatabases.js';

/**
 * Setup file of the PostgreSQL run of the end-to-end suites (vitest.config.ts): each test file
 * gets a PostgreSQL schema of its own, which its servers use unless a test names a database.
 */
let database: TestDatabase | undefined;

beforeAll(async () => {
  database = await createTestDatabase('postgres', os.tmpdir());
  process.env[E2E_DATABASE_VARIABLE] = database.url;
});

afterAll(async () => {
  delete process.env[E2E_DATABASE_VARIABLE];
  await database?.drop();
});
