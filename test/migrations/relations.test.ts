import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunResult } from '../../generator/run.js';
import { connect, nextVersion, typesProject, type Row } from '../support/dataLayer.js';
import { removeTempDir } from '../support/tempProject.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabases.js';

/**
 * Migrations of relations on a database that holds linked rows: renaming a model keeps its
 * links (even where the rename changes which end stores them), removing a relation or a model
 * drops only what was asked for.
 */
const PROFILE =
  'type Profile @model {\n  id: ID! @isUnique\n  bio: String\n  user: User @relation(name: "UserProfile")\n}\n';
const GROUP =
  'type Group @model {\n  id: ID! @isUnique\n  title: String!\n  members: [User!]! @relation(name: "Membership")\n}\n';
const V1 =
  'type User @model {\n  id: ID! @isUnique\n  email: String! @isUnique\n' +
  '  profile: Profile @relation(name: "UserProfile")\n' +
  '  groups: [Group!]! @relation(name: "Membership")\n}\n' +
  PROFILE +
  GROUP;

/** `User` becomes `Account`: sorted first, so by default its end would hold both relations. */
const RENAMED = V1.replace('type User @model', 'type Account @model @rename(oldName: "User")')
  .replaceAll('user: User', 'user: Account')
  .replaceAll('[User!]!', '[Account!]!');

/** The one-to-one relation and the Group model are gone. */
const DROPPED =
  'type User @model {\n  id: ID! @isUnique\n  email: String! @isUnique\n}\n' +
  'type Profile @model {\n  id: ID! @isUnique\n  bio: String\n}\n';

const dirs: string[] = [];
let v1: string;
let renamed: { dir: string; result: RunResult };
let dropped: { dir: string; result: RunResult };
let refused: { dir: string; result: RunResult };

beforeAll(async () => {
  v1 = await typesProject('relations', V1);
  renamed = await nextVersion(v1, RENAMED);
  dropped = await nextVersion(v1, DROPPED, { allowDataLoss: true });
  refused = await nextVersion(v1, DROPPED, { expectFailure: true });
  dirs.push(v1, renamed.dir, dropped.dir, refused.dir);
});

afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(path.dirname(dir))));
});

describe('the migrations the generator writes', () => {
  test('renaming the model renames its table and keeps where each relation is stored', async () => {
    const migration = await readFile(
      path.join(renamed.dir, 'migrations', '0002_rename_User_to_Account.ts'),
      'utf8',
    );

    expect(renamed.result.diagnostics).toEqual([]);
    expect(migration).toContain(".alterTable('User').renameTo('Account')");
    expect(migration).not.toMatch(/dropColumn|dropTable|addColumn/);
  });

  test('dropping a relation and a model needs --allow-data-loss, and the notes list it', () => {
    expect(refused.result.ok).toBe(false);
    expect(
      refused.result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`),
    ).toEqual([
      'types.graphql:1:1 DATA_LOSS',
      'types.graphql:1:1 DATA_LOSS',
      'types.graphql:5:6 DATA_LOSS',
    ]);
    expect(dropped.result.notes.join('\n')).toContain(
      'drops data (--allow-data-loss): column "userId" of table "Profile"; table "Membership"; table "Group"',
    );
  });
});

/** Two users, a profile linked to the first, a group holding both. */
async function seed(database: TestDatabase): Promise<Record<string, Row>> {
  const { db, close } = await connect(v1, database.url);
  try {
    const ada = await db.User!.create({ email: 'ada@example.com' });
    const bob = await db.User!.create({ email: 'bob@example.com' });
    const profile = await db.Profile!.create({ bio: 'Countess' });
    const group = await db.Group!.create({ title: 'Analysts' });
    await db.User!.link(String(ada.id), 'profile', String(profile.id));
    await db.Group!.link(String(group.id), 'members', String(ada.id));
    await db.Group!.link(String(group.id), 'members', String(bob.id));
    return { ada, bob, profile, group };
  } finally {
    await close();
  }
}

describe.each(DATABASE_KINDS)('applied to linked rows $title', ({ kind, skip }) => {
  let database: TestDatabase;

  beforeAll(async () => {
    if (!skip) database = await createTestDatabase(kind, path.dirname(v1));
  });

  afterAll(async () => {
    await database?.drop();
  });

  test.skipIf(skip)('renaming a model keeps its rows and every link', async () => {
    const { ada, bob, profile, group } = await seed(database);

    const { db, close } = await connect(renamed.dir, database.url);
    try {
      const accounts = await db.Account!.findMany();
      expect(accounts.map((row) => row.id).sort()).toEqual([ada!.id, bob!.id].sort());
      expect(await db.Account!.related(String(ada!.id), 'profile')).toMatchObject({
        id: profile!.id,
      });
      expect(await db.Profile!.related(String(profile!.id), 'user')).toMatchObject({
        id: ada!.id,
      });
      const members = (await db.Group!.related(String(group!.id), 'members')) as Row[];
      expect(members.map((row) => row.id).sort()).toEqual([ada!.id, bob!.id].sort());
      expect(await db.Account!.related(String(bob!.id), 'groups')).toMatchObject([
        { id: group!.id },
      ]);
    } finally {
      await close();
    }
  });

  test.skipIf(skip)(
    'dropping a relation and a model keeps the rows of the models that stay',
    async () => {
      const own = await createTestDatabase(kind, path.dirname(v1));
      try {
        const { ada, bob, profile } = await seed(own);

        const { db, close } = await connect(dropped.dir, own.url);
        try {
          expect((await db.User!.findMany()).map((row) => row.id).sort()).toEqual(
            [ada!.id, bob!.id].sort(),
          );
          expect(await db.Profile!.findMany()).toEqual([{ id: profile!.id, bio: 'Countess' }]);
          await expect(own.query('select * from "Group"')).rejects.toThrow();
          await expect(own.query('select * from "Membership"')).rejects.toThrow();
        } finally {
          await close();
        }
      } finally {
        await own.drop();
      }
    },
  );
});
