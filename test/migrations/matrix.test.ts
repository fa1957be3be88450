import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunOptions } from '../../generator/run.js';
import {
  connect,
  nextVersion,
  typesProject,
  type Connection,
  type Row,
} from '../support/dataLayer.js';
import { removeTempDir } from '../support/tempProject.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabases.js';

/**
 * The migration matrix: each schema change, generated as a user would (`generator run` on the
 * changed types), applied by the data layer to a database that already holds rows, on every
 * database. No row is lost unless the change asked for it.
 */
const USER_FIELDS = [
  '  id: ID! @isUnique',
  '  createdAt: DateTime!',
  '  updatedAt: DateTime!',
  '  email: String! @isUnique',
  '  name: String',
  '  nickname: String',
  '  team: String',
  '  age: Int',
];
const user = (fields: string[], header = 'type User @model') =>
  `${header} {\n${fields.join('\n')}\n}\n`;
const V1 = user(USER_FIELDS);

const SEED: Row[] = [
  { email: 'ada@example.com', name: 'Ada', nickname: 'ace', team: 'red', age: 36 },
  { email: 'bob@example.com', name: 'Bob', nickname: 'bee', team: 'red', age: null },
  { email: 'cy@example.com', name: null, nickname: null, team: 'blue', age: 7 },
];

/** One schema change of the matrix and what the rows must look like afterwards. */
interface Scenario {
  title: string;
  types: string;
  options?: Omit<RunOptions, 'projectDir'>;
  /** The model holding the seeded rows after the change. */
  model?: string;
  /** Checks the database after the migration; `seeded` are the rows as created before. */
  check(connection: Connection, seeded: Row[], database: TestDatabase): Promise<void>;
}

const replace = (field: string, by: string[]) =>
  USER_FIELDS.flatMap((line) => (line.startsWith(`  ${field}:`) ? by : [line]));

const SCENARIOS: Scenario[] = [
  {
    title: 'add an optional field',
    types: user([...USER_FIELDS, '  bio: String']),
    async check({ db }, seeded) {
      const rows = await db.User!.findMany();
      expect(rows.map((row) => row.bio)).toEqual([null, null, null]);
      const updated = await db.User!.update(String(seeded[0]!.id), { bio: 'First programmer' });
      expect(updated).toMatchObject({ bio: 'First programmer', name: 'Ada' });
    },
  },
  {
    title: 'add a required field with @migrationValue',
    types: user([...USER_FIELDS, '  plan: String! @migrationValue(value: "free")']),
    async check({ db }) {
      expect((await db.User!.findMany()).map((row) => row.plan)).toEqual(['free', 'free', 'free']);
      const created = await db.User!.create({ email: 'new@example.com', plan: 'pro' });
      expect(created.plan).toBe('pro');
      await expect(db.User!.create({ email: 'none@example.com' })).rejects.toThrow(
        'User.create needs a value for "plan".',
      );
    },
  },
  {
    title: 'make an optional field required with @migrationValue',
    types: user(replace('name', ['  name: String! @migrationValue(value: "anonymous")'])),
    async check({ db }, seeded) {
      const byId = await namesById(db.User!.findMany());
      expect(seeded.map((row) => byId.get(String(row.id)))).toEqual(['Ada', 'Bob', 'anonymous']);
      await expect(db.User!.create({ email: 'nameless@example.com' })).rejects.toThrow(
        'User.create needs a value for "name".',
      );
    },
  },
  {
    title: 'rename a field',
    types: user(replace('name', ['  fullName: String @rename(oldName: "name")'])),
    async check({ db }, seeded) {
      const rows = await db.User!.findMany();
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(seeded.map((row) => byId.get(row.id)?.fullName)).toEqual(['Ada', 'Bob', null]);
      expect(rows.every((row) => !('name' in row))).toBe(true);
    },
  },
  {
    title: 'rename a type',
    types: user(USER_FIELDS, 'type Member @model @rename(oldName: "User")'),
    model: 'Member',
    async check({ db }, _seeded, database) {
      expect(await db.Member!.findUnique({ email: 'bob@example.com' })).toMatchObject({
        name: 'Bob',
      });
      await expect(db.Member!.create({ email: 'ada@example.com' })).rejects.toThrow();
      await expect(database.query('select count(*) as count from "User"')).rejects.toThrow();
    },
  },
  {
    title: 'add a relation',
    types:
      user([...USER_FIELDS, '  posts: [Post!]! @relation(name: "UserPosts")']) +
      'type Post @model {\n  id: ID! @isUnique\n  title: String!\n' +
      '  author: User @relation(name: "UserPosts")\n}\n',
    async check({ db }, seeded) {
      const ada = String(seeded[0]!.id);
      const post = await db.Post!.create({ title: 'Notes', authorId: ada });
      expect(await db.User!.related(ada, 'posts')).toEqual([post]);
      expect(await db.Post!.related(String(post.id), 'author')).toMatchObject({ name: 'Ada' });
    },
  },
  {
    title: 'add @isUnique to a field whose values are distinct',
    types: user(replace('nickname', ['  nickname: String @isUnique'])),
    async check({ db }) {
      expect(await db.User!.findUnique({ nickname: 'bee' })).toMatchObject({ name: 'Bob' });
      await expect(db.User!.create({ email: 'x@example.com', nickname: 'ace' })).rejects.toThrow();
    },
  },
  {
    title: 'drop a field with --allow-data-loss',
    types: user(replace('age', [])),
    options: { allowDataLoss: true },
    async check({ db }, seeded) {
      const rows = await db.User!.findMany();
      expect(rows.every((row) => !('age' in row))).toBe(true);
      const byId = await namesById(Promise.resolve(rows));
      expect(seeded.map((row) => byId.get(String(row.id)))).toEqual(['Ada', 'Bob', null]);
    },
  },
];

/** Adding @isUnique where two rows share a value: the migration fails and changes nothing. */
const CLASH: Pick<Scenario, 'title' | 'types' | 'options'> = {
  title: 'add @isUnique to a field whose values clash',
  types: user(replace('team', ['  team: String @isUnique'])),
};

/** Dropping a field without --allow-data-loss: the run fails and writes nothing. */
const DROP_REFUSED = {
  title: 'drop a field without --allow-data-loss',
  types: user(replace('age', [])),
};

async function namesById(rows: Promise<Row[]>): Promise<Map<string, unknown>> {
  return new Map((await rows).map((row) => [String(row.id), row.name]));
}

const dirs: string[] = [];
let v1: string;
const v2 = new Map<string, string>();
let refused: Awaited<ReturnType<typeof nextVersion>>;

beforeAll(async () => {
  v1 = await typesProject('matrix', V1);
  dirs.push(v1);
  for (const scenario of [...SCENARIOS, CLASH]) {
    const { dir } = await nextVersion(v1, scenario.types, scenario.options);
    dirs.push(dir);
    v2.set(scenario.title, dir);
  }
  refused = await nextVersion(v1, DROP_REFUSED.types, { expectFailure: true });
  dirs.push(refused.dir);
});

afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(path.dirname(dir))));
});

/** Creates the seed rows with the first version's data layer and closes the database. */
async function seed(database: TestDatabase): Promise<Row[]> {
  const connection = await connect(v1, database.url);
  try {
    const rows: Row[] = [];
    for (const data of SEED) rows.push(await connection.db.User!.create(data));
    return rows;
  } finally {
    await connection.close();
  }
}

/** Every seeded row is still there, under the same id, in `model`. */
async function expectRowsKept(connection: Connection, model: string, seeded: Row[]) {
  const rows = await connection.db[model]!.findMany();
  expect(rows.map((row) => row.id).sort()).toEqual(seeded.map((row) => row.id).sort());
  for (const row of seeded) {
    const after = rows.find((candidate) => candidate.id === row.id);
    expect(after).toMatchObject({ email: row.email, createdAt: row.createdAt });
  }
}

describe.each(DATABASE_KINDS)('migrating a database that holds rows $title', ({ kind, skip }) => {
  let database: TestDatabase;

  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind, path.dirname(v1));
  });

  afterAll(async () => {
    await database?.drop();
  });

  describe.each(SCENARIOS)('$title', (scenario) => {
    test.skipIf(skip)('keeps every row and applies the change', async () => {
      const own = await createTestDatabase(kind, path.dirname(v1));
      try {
        const seeded = await seed(own);
        const dir = v2.get(scenario.title)!;
        const migrations = await readdir(path.join(dir, 'migrations'));

        const connection = await connect(dir, own.url);
        try {
          expect(migrations).toHaveLength(2);
          expect(connection.applied).toEqual([migrations[1]!.replace(/\.ts$/, '')]);
          await expectRowsKept(connection, scenario.model ?? 'User', seeded);
          await scenario.check(connection, seeded, own);
        } finally {
          await connection.close();
        }
      } finally {
        await own.drop();
      }
    });
  });

  test.skipIf(skip)(
    CLASH.title + ': the migration fails, naming the table and column, and changes nothing',
    async () => {
      const seeded = await seed(database);
      const dir = v2.get(CLASH.title)!;

      await expect(connect(dir, database.url)).rejects.toThrow(
        /Migration "0002_unique_User_team" failed and was rolled back: Cannot make column "team" of table "User" unique for @isUnique on User\.team \(types\.graphql:8:3\): 2 rows hold the value "red"/,
      );

      const before = await connect(v1, database.url);
      try {
        expect(before.applied).toEqual([]);
        await expectRowsKept(before, 'User', seeded);
        await before.db.User!.create({ email: 'dup@example.com', team: 'red' });
      } finally {
        await before.close();
      }
      expect(existsSync(path.join(dir, 'migrations', '0002_unique_User_team.ts'))).toBe(true);
    },
  );

  test.skipIf(skip)(
    DROP_REFUSED.title + ': the run fails, located, and the rows keep the field',
    async () => {
      const own = await createTestDatabase(kind, path.dirname(v1));
      try {
        const seeded = await seed(own);

        expect(refused.result.ok).toBe(false);
        expect(
          refused.result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`),
        ).toEqual(['types.graphql:1:6 DATA_LOSS']);
        expect(refused.result.diagnostics[0]?.message).toContain('--allow-data-loss');
        expect(await readdir(path.join(refused.dir, 'migrations'))).toEqual(['0001_initial.ts']);

        const connection = await connect(refused.dir, own.url);
        try {
          expect(connection.applied).toEqual([]);
          await expectRowsKept(connection, 'User', seeded);
          expect((await connection.db.User!.findMany()).map((row) => row.age).sort()).toEqual(
            [36, 7, null].sort(),
          );
        } finally {
          await connection.close();
        }
      } finally {
        await own.drop();
      }
    },
  );
});
