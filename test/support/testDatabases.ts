import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The PostgreSQL server the PostgreSQL suites use, e.g.
 * `postgres://generator:generator@127.0.0.1:5432/generator_test`. Without it they are skipped.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || undefined;

/** A database kind the data layer supports. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Each kind with the title of its suites; PostgreSQL says so when it is skipped. */
export const DATABASE_KINDS: { kind: DatabaseKind; title: string; skip: boolean }[] = [
  { kind: 'sqlite', title: 'on SQLite', skip: false },
  {
    kind: 'postgres',
    title: TEST_POSTGRES_URL
      ? 'on PostgreSQL'
      : 'on PostgreSQL (skipped: TEST_POSTGRES_URL is not set)',
    skip: TEST_POSTGRES_URL === undefined,
  },
];

/** A database of its own for one test: a SQLite file, or a PostgreSQL schema. */
export interface TestDatabase {
  kind: DatabaseKind;
  /** The `DATABASE_URL` that reaches it. */
  url: string;
  /** Runs a query outside the data layer, e.g. to count rows. */
  query<Row = Record<string, unknown>>(text: string): Promise<Row[]>;
  /** Deletes the file or drops the schema. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database. SQLite: a new file in `dir`. PostgreSQL: a new schema in the
 * database of TEST_POSTGRES_URL, which the returned URL selects with `search_path`, so that test
 * files running at the same time never see each other's tables.
 */
export async function createTestDatabase(kind: DatabaseKind, dir: string): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  if (kind === 'sqlite') {
    const file = path.join(dir, `${name}.db`);
    return {
      kind,
      url: `file:${file}`,
      query: async <Row>(text: string) => sqliteQuery<Row>(file, text),
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
      },
    };
  }

  if (TEST_POSTGRES_URL === undefined) {
    throw new Error('TEST_POSTGRES_URL is not set; PostgreSQL suites must be skipped.');
  }
  await postgresQuery(TEST_POSTGRES_URL, `create schema "${name}"`);
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    kind,
    url: url.toString(),
    query: <Row>(text: string) => postgresQuery<Row>(url.toString(), text),
    drop: async () => {
      await postgresQuery(TEST_POSTGRES_URL, `drop schema if exists "${name}" cascade`);
    },
  };
}

/**
 * The variable the PostgreSQL run of the end-to-end suites sets (see `e2ePostgres.ts`): the
 * database the servers of one test file use by default.
 */
export const E2E_DATABASE_VARIABLE = 'TEST_E2E_DATABASE_URL';

/** The `DATABASE_URL` a test server gets unless a test says otherwise. */
export function defaultServerDatabaseUrl(projectDir: string): string {
  return process.env[E2E_DATABASE_VARIABLE] ?? `file:${path.join(projectDir, 'test.db')}`;
}

/** Runs a query against the default database of the servers started in `projectDir`. */
export async function queryServerDatabase<Row = Record<string, unknown>>(
  projectDir: string,
  text: string,
): Promise<Row[]> {
  const url = defaultServerDatabaseUrl(projectDir);
  return url.startsWith('file:')
    ? sqliteQuery<Row>(url.slice('file:'.length), text)
    : postgresQuery<Row>(url, text);
}

async function sqliteQuery<Row>(file: string, text: string): Promise<Row[]> {
  const db = new Database(file);
  try {
    const statement = db.prepare(text);
    return (statement.reader ? statement.all() : (statement.run(), [])) as Row[];
  } finally {
    db.close();
  }
}

async function postgresQuery<Row>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Row[];
  } finally {
    await client.end();
  }
}
