import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { connect, nextVersion, typesProject } from '../support/dataLayer.js';
import { spawnServer, startServer, stopAllServers } from '../support/startServer.js';
import { removeTempDir } from '../support/tempProject.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabases.js';

/**
 * The generated server brings its database up to date before it listens, and refuses to start
 * on a database that has run migrations its code does not have.
 */
const V1 = 'type User @model {\n  id: ID! @isUnique\n  email: String! @isUnique\n}\n';
const V2 =
  'type User @model {\n  id: ID! @isUnique\n  email: String! @isUnique\n  bio: String\n}\n';

let v1: string;
let v2: string;

beforeAll(async () => {
  v1 = await typesProject('server-migrations', V1);
  ({ dir: v2 } = await nextVersion(v1, V2));
});

afterEach(async () => {
  await stopAllServers();
});

afterAll(async () => {
  await stopAllServers();
  for (const dir of [v1, v2]) if (dir) await removeTempDir(path.dirname(dir));
});

describe.each(DATABASE_KINDS)('starting the server $title', ({ kind, skip }) => {
  let database: TestDatabase;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind, path.dirname(v1));
    const { db, close } = await connect(v1, database.url);
    await db.User!.create({ email: 'ada@example.com' });
    await close();
  });

  afterAll(async () => {
    await database?.drop();
  });

  test.skipIf(skip)('applies the pending migrations first, and says which', async () => {
    const server = await startServer(v2, { DATABASE_URL: database.url });
    await server.stop();

    expect(server.output()).toMatch(/Applied migration 0002_add_User_bio\n[^]*Server ready at/);
    const { db, applied, close } = await connect(v2, database.url);
    try {
      expect(applied).toEqual([]);
      expect(await db.User!.findMany()).toMatchObject([{ email: 'ada@example.com', bio: null }]);
    } finally {
      await close();
    }
  });

  test.skipIf(skip)('refuses to start on a database that is ahead of the code', async () => {
    const server = spawnServer(v1, { DATABASE_URL: database.url });

    const exit = await server.exited;

    expect(exit.code).toBe(1);
    expect(server.output()).toContain(
      'The database is ahead of this code: it has run "0002_add_User_bio", which migrations/ ' +
        'does not hold. Run the code those migrations belong to, or point DATABASE_URL at ' +
        'another database.',
    );
    expect(server.output()).not.toContain('Server ready');
  });
});
