import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect, typesProject, type Connection, type Repository } from '../support/dataLayer.js';
import { binPath } from '../support/paths.js';
import { removeTempDir } from '../support/tempProject.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabases.js';

/**
 * The generated data layer (`ctx.db`) on every database: each Graphcool scalar, enums, lists,
 * defaults and unique fields, and each kind of relation, followed and linked both ways.
 */
const TYPES = `
enum Role {
  ADMIN
  MEMBER
}

type User @model {
  id: ID! @isUnique
  createdAt: DateTime!
  updatedAt: DateTime!
  email: String! @isUnique
  name: String
  age: Int
  score: Float @defaultValue(value: 1.5)
  active: Boolean! @defaultValue(value: "true")
  birthday: DateTime
  settings: Json
  role: Role! @defaultValue(value: MEMBER)
  tags: [String!] @defaultValue(value: "[\\"a\\", \\"b\\"]")
  posts: [Post!]! @relation(name: "UserPosts")
  profile: Profile @relation(name: "UserProfile")
  followers: [User!]! @relation(name: "Follows")
  following: [User!]! @relation(name: "Follows")
}

type Profile @model {
  id: ID! @isUnique
  bio: String
  user: User @relation(name: "UserProfile")
}

type Post @model {
  id: ID! @isUnique
  title: String!
  author: User @relation(name: "UserPosts")
  categories: [Category!]! @relation(name: "PostCategories")
}

type Category @model {
  id: ID! @isUnique
  name: String! @isUnique
  posts: [Post!]! @relation(name: "PostCategories")
}
`;

let projectDir: string;

beforeAll(async () => {
  projectDir = await typesProject('data-layer', TYPES);
});

afterAll(async () => {
  await removeTempDir(projectDir);
});

/** Handler-style code whose types the generated data layer must accept, or refuse. */
const USAGE = `import type { DataAccess, Post, Profile, User } from './generated/db/index.js';

export async function usage(db: DataAccess, id: string): Promise<void> {
  const posts: Post[] = await db.User.related(id, 'posts');
  const profile: Profile | undefined = await db.User.related(id, 'profile');
  const author: User | undefined = await db.Post.related(id, 'author');
  await db.Post.link(id, 'categories', 'category-id');
  const created = await db.User.create({ email: 'a@b.c', birthday: new Date(), role: 'ADMIN' });
  const found: User | undefined = await db.User.findUnique({ email: created.email });
  await db.Profile.findUnique({ userId: id });
  await db.Post.findMany({ authorId: null });
  // @ts-expect-error: "title" is not a relation field
  await db.Post.related(id, 'title');
  // @ts-expect-error: "email" is required
  await db.User.create({ name: 'x' });
  // @ts-expect-error: "GUEST" is not a Role
  await db.User.create({ email: 'x', role: 'GUEST' });
  // @ts-expect-error: "name" is not unique
  await db.User.findUnique({ name: 'x' });
  void [posts, profile, author, found];
}
`;

const ids = (rows: unknown) => (rows as { id: string }[]).map((row) => row.id).sort();

test('the data layer is typed: relation fields, create data, unique fields and enums', async () => {
  await writeFile(path.join(projectDir, 'usage.ts'), USAGE);

  const tsc = await promisify(execFile)(binPath('tsc'), [
    '--noEmit',
    '--strict',
    '--module',
    'nodenext',
    '--target',
    'es2022',
    '--skipLibCheck',
    '--types',
    'node',
    path.join(projectDir, 'usage.ts'),
  ]).then(
    () => '',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout}${error.stderr}`,
  );

  expect(tsc).toBe('');
});

describe.each(DATABASE_KINDS)('the data layer $title', ({ kind, skip }) => {
  let database: TestDatabase;
  let connection: Connection;
  let User: Repository;
  let Profile: Repository;
  let Post: Repository;
  let Category: Repository;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind, projectDir);
    connection = await connect(projectDir, database.url);
    ({ User, Profile, Post, Category } = connection.db as Record<
      'User' | 'Profile' | 'Post' | 'Category',
      Repository
    >);
  });

  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  test.skipIf(skip)('the first connection runs the initial migration, the next none', async () => {
    expect(connection.applied).toEqual(['0001_initial']);

    const again = await connect(projectDir, database.url);
    await again.close();

    expect(again.applied).toEqual([]);
  });

  test.skipIf(skip)('create fills in the id, the timestamps and every default', async () => {
    const before = new Date().toISOString();
    const user = await User.create({ email: 'ada@example.com' });

    expect(user.id).toMatch(/^[a-z][a-z0-9]{23}$/);
    expect(user.createdAt).toBe(user.updatedAt);
    expect(String(user.createdAt) >= before).toBe(true);
    expect(user).toMatchObject({
      email: 'ada@example.com',
      name: null,
      age: null,
      score: 1.5,
      active: true,
      birthday: null,
      settings: null,
      role: 'MEMBER',
      tags: ['a', 'b'],
    });
  });

  test.skipIf(skip)('every scalar, enum and list is stored and read back as written', async () => {
    const user = await User.create({
      email: 'grace@example.com',
      name: 'Grace',
      age: 85,
      score: 0.125,
      active: false,
      birthday: new Date('1906-12-09T00:00:00Z'),
      settings: { theme: 'dark', sizes: [1, 2], nested: { on: true } },
      role: 'ADMIN',
      tags: ['cobol', 'navy'],
    });

    const read = await User.findById(String(user.id));

    expect(read).toEqual(user);
    expect(read).toMatchObject({
      age: 85,
      score: 0.125,
      active: false,
      birthday: '1906-12-09T00:00:00.000Z',
      settings: { theme: 'dark', sizes: [1, 2], nested: { on: true } },
      role: 'ADMIN',
      tags: ['cobol', 'navy'],
    });
  });

  test.skipIf(skip)(
    'a DateTime string is stored as ISO 8601 in UTC; a wrong one is refused',
    async () => {
      const user = await User.create({
        email: 'tz@example.com',
        birthday: '2020-02-29T12:00:00+02:00',
      });

      expect(user.birthday).toBe('2020-02-29T10:00:00.000Z');
      await expect(User.create({ email: 'bad@example.com', birthday: 'soon' })).rejects.toThrow(
        /User\.birthday takes a date and time/,
      );
    },
  );

  test.skipIf(skip)('findUnique finds by id or by an @isUnique field', async () => {
    const user = await User.create({ email: 'unique@example.com' });

    expect((await User.findUnique({ email: 'unique@example.com' }))?.id).toBe(user.id);
    expect((await User.findUnique({ id: String(user.id) }))?.email).toBe('unique@example.com');
    expect(await User.findUnique({ email: 'nobody@example.com' })).toBeUndefined();
    await expect(User.findUnique({ name: 'x' })).rejects.toThrow(/exactly one unique field/);
  });

  test.skipIf(skip)('a second row with the same @isUnique value is refused', async () => {
    await User.create({ email: 'twice@example.com' });

    await expect(User.create({ email: 'twice@example.com' })).rejects.toThrow();
    expect(await User.findMany({ email: 'twice@example.com' })).toHaveLength(1);
  });

  test.skipIf(skip)('findMany filters by equality, booleans, enums and null', async () => {
    await User.create({ email: 'f1@example.com', name: 'filter', active: false, role: 'ADMIN' });
    await User.create({ email: 'f2@example.com', name: 'filter', active: true });
    await User.create({ email: 'f3@example.com', name: 'filter', active: false });

    const inactive = await User.findMany({ name: 'filter', active: false });
    const admins = await User.findMany({ name: 'filter', role: 'ADMIN' });
    const unnamed = await User.findMany({ name: null });

    expect(inactive.map((row) => row.email).sort()).toEqual(['f1@example.com', 'f3@example.com']);
    expect(admins.map((row) => row.email)).toEqual(['f1@example.com']);
    expect(unnamed.every((row) => row.name === null)).toBe(true);
    expect(ids(inactive)).toEqual(inactive.map((row) => row.id));
    await expect(User.findMany({ tags: ['a'] })).rejects.toThrow(/cannot filter by the JSON/);
  });

  test.skipIf(skip)(
    'update changes the given fields and updatedAt, delete removes the row',
    async () => {
      const user = await User.create({ email: 'change@example.com', name: 'Before' });
      await new Promise((resolve) => setTimeout(resolve, 5));

      const updated = await User.update(String(user.id), { name: 'After', tags: null });
      const deleted = await User.delete(String(user.id));

      expect(updated).toMatchObject({ name: 'After', tags: null, createdAt: user.createdAt });
      expect(String(updated?.updatedAt) > String(user.updatedAt)).toBe(true);
      expect(deleted?.name).toBe('After');
      expect(await User.findById(String(user.id))).toBeUndefined();
      expect(await User.update('missing', { name: 'x' })).toBeUndefined();
      expect(await User.delete('missing')).toBeUndefined();
      await expect(User.update(String(user.id), { id: 'x' })).rejects.toThrow(/cannot write/);
    },
  );

  test.skipIf(skip)(
    'one-to-many: the foreign key, following both ways, link and unlink',
    async () => {
      const author = await User.create({ email: 'author@example.com' });
      const first = await Post.create({ title: 'First', authorId: author.id });
      const second = await Post.create({ title: 'Second' });

      await User.link(String(author.id), 'posts', String(second.id));

      expect(ids(await User.related(String(author.id), 'posts'))).toEqual(ids([first, second]));
      expect((await Post.related(String(second.id), 'author')) as { id: string }).toMatchObject({
        id: author.id,
      });
      expect(await Post.unlink(String(first.id), 'author', String(author.id))).toBe(true);
      expect(await Post.unlink(String(first.id), 'author', String(author.id))).toBe(false);
      expect(await Post.related(String(first.id), 'author')).toBeUndefined();
      expect(ids(await Post.findMany({ authorId: author.id }))).toEqual([second.id]);

      await User.delete(String(author.id));

      expect(await Post.findById(String(second.id))).toMatchObject({ authorId: null });
    },
  );

  test.skipIf(skip)('one-to-one: a new link replaces the old one, from either end', async () => {
    const ada = await User.create({ email: 'one-ada@example.com' });
    const bob = await User.create({ email: 'one-bob@example.com' });
    const profile = await Profile.create({ bio: 'mathematician' });
    const other = await Profile.create({ bio: 'other' });

    await User.link(String(ada.id), 'profile', String(profile.id));
    await User.link(String(bob.id), 'profile', String(profile.id));
    await Profile.link(String(other.id), 'user', String(bob.id));

    expect(await User.related(String(ada.id), 'profile')).toBeUndefined();
    expect(await User.related(String(bob.id), 'profile')).toMatchObject({ id: other.id });
    expect(await Profile.related(String(profile.id), 'user')).toBeUndefined();
    expect(await Profile.related(String(other.id), 'user')).toMatchObject({ id: bob.id });
    expect(await Profile.findUnique({ userId: bob.id })).toMatchObject({ id: other.id });
  });

  test.skipIf(skip)(
    'many-to-many: links are a set, followed both ways, deleted with a row',
    async () => {
      const post = await Post.create({ title: 'Tagged' });
      const news = await Category.create({ name: 'news' });
      const tech = await Category.create({ name: 'tech' });

      await Post.link(String(post.id), 'categories', String(news.id));
      await Post.link(String(post.id), 'categories', String(news.id));
      await Category.link(String(tech.id), 'posts', String(post.id));

      expect(ids(await Post.related(String(post.id), 'categories'))).toEqual(ids([news, tech]));
      expect(ids(await Category.related(String(news.id), 'posts'))).toEqual([post.id]);
      expect(await Post.unlink(String(post.id), 'categories', String(news.id))).toBe(true);
      expect(await Post.unlink(String(post.id), 'categories', String(news.id))).toBe(false);

      await Category.delete(String(tech.id));

      expect(await Post.related(String(post.id), 'categories')).toEqual([]);
      const links = await database.query<{ count: number | string }>(
        'select count(*) as count from "PostCategories"',
      );
      expect(Number(links[0]?.count)).toBe(0);
    },
  );

  test.skipIf(skip)(
    'a many-to-many relation of a model with itself has two distinct ends',
    async () => {
      const star = await User.create({ email: 'star@example.com' });
      const fan = await User.create({ email: 'fan@example.com' });

      await User.link(String(star.id), 'followers', String(fan.id));

      expect(ids(await User.related(String(star.id), 'followers'))).toEqual([fan.id]);
      expect(ids(await User.related(String(fan.id), 'following'))).toEqual([star.id]);
      expect(await User.related(String(star.id), 'following')).toEqual([]);
    },
  );

  test.skipIf(skip)(
    'link refuses an id that no row has, and a field that is no relation',
    async () => {
      const post = await Post.create({ title: 'Lonely' });

      await expect(Post.link(String(post.id), 'author', 'no-such-user')).rejects.toThrow(
        'Post.link: no User has the id "no-such-user".',
      );
      await expect(Post.related(String(post.id), 'title')).rejects.toThrow(
        '"Post.title" is not a relation field.',
      );
    },
  );
});
