import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../generator/run.js';
import { removeTempDir } from '../support/tempProject.js';
import { writeProject } from '../support/writeProject.js';

/**
 * The rules of the types file that storage needs: values of `@defaultValue` and
 * `@migrationValue` that fit their field, well-formed `@rename`, and table and column names
 * that stay distinct in SQLite and leave the server's own tables alone.
 */
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(dir)));
});

async function project(types: string): Promise<string> {
  const dir = await writeProject(
    'types-rules',
    {
      'graphcool.yml': 'types: ./types.graphql\n',
      'types.graphql': types,
    },
    {},
  );
  dirs.push(dir);
  return dir;
}

/** Runs the generator in check mode and returns each diagnostic as `file:line:column CODE`. */
async function diagnose(types: string): Promise<string[]> {
  const result = await run({ projectDir: await project(types), check: true, env: {} });
  return result.diagnostics.map((item) => `${item.file}:${item.line}:${item.column} ${item.code}`);
}

const model = (name: string, ...fields: string[]) =>
  `type ${name} @model {\n  id: ID! @isUnique\n${fields.map((f) => `  ${f}\n`).join('')}}\n`;

describe('values of @defaultValue and @migrationValue', () => {
  it('reports a value that does not fit the field at the value', async () => {
    expect(
      await diagnose(
        model(
          'User',
          'age: Int @defaultValue(value: "forty")',
          'score: Float! @migrationValue(value: true)',
          'role: Role @defaultValue(value: OWNER)',
          'tags: [String!] @defaultValue(value: "a")',
          'born: DateTime @defaultValue(value: "yesterday")',
        ) + 'enum Role {\n  ADMIN\n}\n',
      ),
    ).toEqual([
      'types.graphql:3:33 INVALID_FIELD_VALUE',
      'types.graphql:4:40 INVALID_FIELD_VALUE',
      'types.graphql:5:35 INVALID_FIELD_VALUE',
      'types.graphql:6:40 INVALID_FIELD_VALUE',
      'types.graphql:7:39 INVALID_FIELD_VALUE',
    ]);
  });

  it('reports a value on a relation or a system field', async () => {
    expect(
      await diagnose(
        model('User', 'createdAt: DateTime! @defaultValue(value: "2020-01-01T00:00:00Z")') +
          model('Post', 'author: User @migrationValue(value: "x") @relation(name: "UserPosts")'),
      ),
    ).toEqual(['types.graphql:3:24 INVALID_FIELD_VALUE', 'types.graphql:7:16 INVALID_FIELD_VALUE']);
  });

  it('accepts values written as Graphcool wrote them, as strings, and converts them', async () => {
    const dir = await project(
      model(
        'User',
        'level: Int @defaultValue(value: "42")',
        'ratio: Float @defaultValue(value: "0.5")',
        'active: Boolean @defaultValue(value: "false")',
        'meta: Json @defaultValue(value: "{\\"a\\": [1]}")',
        'scores: [Int!] @defaultValue(value: "[1, 2]")',
        'born: DateTime @defaultValue(value: "2020-01-31T12:00:00+01:00")',
      ),
    );

    const result = await run({ projectDir: dir, env: {} });
    const tables = await readFile(path.join(dir, 'generated', 'db', 'tables.ts'), 'utf8');

    expect(result.diagnostics).toEqual([]);
    expect(tables).toContain("name: 'level', type: 'integer', defaultValue: 42 }");
    expect(tables).toContain("name: 'ratio', type: 'double precision', defaultValue: 0.5 }");
    expect(tables).toContain("name: 'active', type: 'integer', defaultValue: 0, codec: 'boolean'");
    expect(tables).toContain(`defaultValue: '{"a":[1]}', codec: 'json'`);
    expect(tables).toContain(`defaultValue: '[1,2]', codec: 'json'`);
    expect(tables).toContain("defaultValue: '2020-01-31T11:00:00.000Z', codec: 'datetime'");
  });
});

describe('@rename', () => {
  it('reports a rename without a former name, or naming a field or model still declared', async () => {
    expect(
      await diagnose(
        model('User', 'name: String @rename', 'email: String @rename(oldName: "name")') +
          'type Member @model @rename(oldName: "User") {\n  id: ID! @isUnique\n}\n',
      ),
    ).toEqual([
      'types.graphql:3:16 INVALID_RENAME',
      'types.graphql:4:34 INVALID_RENAME',
      'types.graphql:6:37 INVALID_RENAME',
    ]);
  });

  it('reports two fields renamed from the same name', async () => {
    expect(
      await diagnose(
        model(
          'User',
          'first: String @rename(oldName: "name")',
          'second: String @rename(oldName: "name")',
        ),
      ),
    ).toEqual(['types.graphql:4:3 INVALID_RENAME']);
  });
});

describe('table and column names', () => {
  it('reports a model whose table would start with "_", the prefix of the server tables', async () => {
    expect(await diagnose(model('_Secret'))).toEqual(['types.graphql:1:6 RESERVED_TABLE_NAME']);
  });

  it('reports tables whose names differ only in case, or take the migrator table', async () => {
    expect(
      await diagnose(
        model('User', 'groups: [Group!]! @relation(name: "user")') +
          model('Group', 'users: [User!]! @relation(name: "user")') +
          model('Kysely_Migration'),
      ),
    ).toEqual(['types.graphql:3:21 TABLE_NAME_CLASH', 'types.graphql:9:6 TABLE_NAME_CLASH']);
  });

  it('reports fields whose names differ only in case', async () => {
    expect(await diagnose(model('User', 'email: String', 'Email: String'))).toEqual([
      'types.graphql:4:3 COLUMN_NAME_CLASH',
    ]);
  });
});
