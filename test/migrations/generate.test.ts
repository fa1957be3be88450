import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run, type RunResult } from '../../generator/run.js';
import { nextVersion, typesProject } from '../support/dataLayer.js';
import { generate } from '../support/generate.js';
import { removeTempDir } from '../support/tempProject.js';

/**
 * What `generator run` writes into `migrations/` and `generated/db/snapshot.json` when the types
 * change, and the located errors that stop it before it writes anything.
 */
const V1 = [
  'type User @model {',
  '  id: ID! @isUnique',
  '  email: String! @isUnique',
  '  name: String!',
  '  age: Int',
  '}',
  '',
].join('\n');

/** V1 with `extra` lines at the end of the model. */
const withFields = (...extra: string[]) => V1.replace('}\n', `${extra.join('\n')}\n}\n`);

const dirs: string[] = [];
let v1: string;

beforeAll(async () => {
  v1 = await typesProject('generate-migrations', V1);
  dirs.push(v1);
});

afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(path.dirname(dir))));
});

async function next(types: string, options: Parameters<typeof nextVersion>[2] = {}) {
  const version = await nextVersion(v1, types, options);
  dirs.push(version.dir);
  return version;
}

const located = (result: RunResult) =>
  result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`);

const migrations = (dir: string) => readdir(path.join(dir, 'migrations'));

const readMigration = async (dir: string, name: string) =>
  readFile(path.join(dir, 'migrations', name), 'utf8');

describe('the migrations a run writes', () => {
  test('the first run writes the initial migration and the snapshot; the next run nothing new', async () => {
    const snapshot = JSON.parse(
      await readFile(path.join(v1, 'generated', 'db', 'snapshot.json'), 'utf8'),
    ) as { migration: string; tables: { name: string }[] };

    const again = await generate(v1, { skipWhenUnchanged: false });

    expect(await migrations(v1)).toEqual(['0001_initial.ts']);
    expect(snapshot.migration).toBe('0001_initial');
    expect(snapshot.tables.map((table) => table.name)).toEqual(['User']);
    expect([...again.created, ...again.updated]).toEqual([]);
  });

  test('a schema change adds the next numbered migration and leaves the earlier ones alone', async () => {
    const before = await readMigration(v1, '0001_initial.ts');

    const { dir, result } = await next(withFields('  bio: String'));

    expect(result.created).toContain('migrations/0002_add_User_bio.ts');
    expect(result.updated).toContain('generated/db/snapshot.json');
    expect(await readMigration(dir, '0001_initial.ts')).toBe(before);
    expect(await readMigration(dir, '0002_add_User_bio.ts')).toContain(
      "await db.schema.alterTable('User').addColumn('bio', 'text').execute();",
    );
    expect(result.notes).toContain(
      'New migration migrations/0002_add_User_bio.ts: review it and commit it; the server ' +
        'applies it when it starts.',
    );
  });

  test('--check names the migration a run would write, and writes nothing', async () => {
    const { dir } = await next(V1);
    await writeFile(path.join(dir, 'types.graphql'), withFields('  bio: String'));

    const result = await run({ projectDir: dir, check: true, env: {} });

    expect(result.created).toContain('migrations/0002_add_User_bio.ts');
    expect(result.updated).toContain('generated/db/snapshot.json');
    expect(await migrations(dir)).toEqual(['0001_initial.ts']);
  });

  test('a new required field without a value for existing rows is a located error', async () => {
    const { dir, result } = await next(withFields('  plan: String!'), { expectFailure: true });

    expect(located(result)).toEqual(['types.graphql:6:3 error MIGRATION_VALUE_REQUIRED']);
    expect(result.diagnostics[0]?.message).toBe(
      'Field "User.plan" is new and is required, but table "User" may already hold rows, which ' +
        'need a value. Add @migrationValue(value: ...) to give them one (or ' +
        '@defaultValue(value: ...)), or make the field optional.',
    );
    expect(await migrations(dir)).toEqual(['0001_initial.ts']);
  });

  test('@defaultValue fills existing rows, and a new createdAt gets the time the migration runs', async () => {
    const { dir } = await next(
      withFields('  level: Int! @defaultValue(value: "1")', '  createdAt: DateTime!'),
    );
    const [, name] = await migrations(dir);
    const migration = await readMigration(dir, name!);

    expect(migration).toContain('const now = new Date().toISOString();');
    expect(migration).toContain(
      ".addColumn('level', 'integer', (col) => col.notNull().defaultTo(1))",
    );
    expect(migration).toContain(
      ".addColumn('createdAt', 'text', (col) => col.notNull().defaultTo(now))",
    );
  });

  test('making a field optional or required copies it into a new column', async () => {
    const types = V1.replace('  name: String!', '  name: String').replace(
      '  age: Int',
      '  age: Int! @migrationValue(value: 0)',
    );

    const { dir } = await next(types);
    const migration = await readMigration(dir, (await migrations(dir))[1]!);

    expect(migration).toContain(".addColumn('name__new', 'text')");
    expect(migration).toContain(
      ".addColumn('age__new', 'integer', (col) => col.notNull().defaultTo(0))",
    );
    expect(migration).toContain(".renameColumn('age__new', 'age')");
  });

  test('dropping a field or changing its stored type needs --allow-data-loss', async () => {
    const types = V1.replace('  age: Int\n', '').replace('  name: String!', '  name: Int');

    const refused = await next(types, { expectFailure: true });
    const allowed = await next(types, { allowDataLoss: true });
    const migration = await readMigration(allowed.dir, (await migrations(allowed.dir))[1]!);

    expect(located(refused.result)).toEqual([
      'types.graphql:1:6 error DATA_LOSS',
      'types.graphql:1:6 error DATA_LOSS',
    ]);
    expect(refused.result.diagnostics.map((d) => d.message)).toContain(
      'Field "User.age" was removed, so the migration would drop column "age" of table "User" ' +
        'and the values it holds. If the field was renamed, add @rename(oldName: "age") to it; ' +
        'to drop the values, run again with --allow-data-loss.',
    );
    expect(migration).toContain(".alterTable('User').dropColumn('age')");
    expect(migration).toContain(".alterTable('User').dropColumn('name')");
    expect(migration).toContain(".addColumn('name', 'integer')");
    expect(allowed.result.notes.at(-1)).toMatch(
      /drops data \(--allow-data-loss\): column "name" of table "User"; column "age" of table "User"\.$/,
    );
  });

  test('a @rename whose former name the database does not have warns, and adds the field', async () => {
    const { result } = await next(withFields('  nick: String @rename(oldName: "nickname")'));

    expect(located(result)).toEqual(['types.graphql:1:6 warning RENAME_SOURCE_MISSING']);
    expect(result.created.some((file) => file.startsWith('migrations/0002_add_User_nick'))).toBe(
      true,
    );
  });

  test('a hand-written migration keeps its place: the next one is numbered after it', async () => {
    const { dir } = await next(V1);
    await writeFile(
      path.join(dir, 'migrations', '0007_backfill.ts'),
      "import type { Kysely } from 'kysely';\n\nexport async function up(_db: Kysely<unknown>): Promise<void> {}\n",
    );
    await writeFile(path.join(dir, 'types.graphql'), withFields('  bio: String'));

    const result = await generate(dir);

    expect(result.created).toContain('migrations/0008_add_User_bio.ts');
  });

  test('a missing snapshot next to migrations, or a snapshot whose migration is gone, is an error', async () => {
    const { dir } = await next(V1);
    await rm(path.join(dir, 'migrations', '0001_initial.ts'));
    const gone = await run({ projectDir: dir, env: {}, skipWhenUnchanged: false });
    await writeFile(
      path.join(dir, 'migrations', '0001_initial.ts'),
      'export async function up() {}\n',
    );
    await rm(path.join(dir, 'generated', 'db', 'snapshot.json'));
    const missing = await run({ projectDir: dir, env: {}, skipWhenUnchanged: false });

    expect(located(gone)).toEqual([
      'generated/db/snapshot.json:1:1 error SNAPSHOT_MIGRATION_MISSING',
    ]);
    expect(located(missing)).toEqual(['generated/db/snapshot.json:1:1 error SNAPSHOT_MISSING']);
  });
});
