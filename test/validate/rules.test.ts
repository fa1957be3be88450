import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../generator/run.js';
import { removeTempDir } from '../support/tempProject.js';
import { writeProject } from '../support/writeProject.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(dir)));
});

/** Runs the generator in check mode and returns each diagnostic as `file:line:column CODE`. */
async function diagnose(files: Record<string, string | null>): Promise<string[]> {
  const dir = await writeProject('rules', files);
  dirs.push(dir);
  const result = await run({ projectDir: dir, check: true, env: {} });
  return result.diagnostics.map((item) => `${item.file}:${item.line}:${item.column} ${item.code}`);
}

const userModel = (body: string) => `type User @model {\n  id: ID! @isUnique\n${body}}\n`;

describe('types file rules', () => {
  it('reports an object type without @model at its name', async () => {
    expect(await diagnose({ 'types.graphql': 'type User {\n  id: ID! @isUnique\n}\n' })).toEqual([
      'types.graphql:1:6 MISSING_MODEL_DIRECTIVE',
    ]);
  });

  it('reports a model without an id field at the model name', async () => {
    expect(await diagnose({ 'types.graphql': 'type User @model {\n  email: String\n}\n' })).toEqual(
      ['types.graphql:1:6 MISSING_ID_FIELD'],
    );
  });

  it('reports an id without @isUnique and a createdAt of the wrong type', async () => {
    const types = 'type User @model {\n  id: ID!\n  createdAt: String\n}\n';
    expect(await diagnose({ 'types.graphql': types })).toEqual([
      'types.graphql:2:3 INVALID_SYSTEM_FIELD',
      'types.graphql:3:14 INVALID_SYSTEM_FIELD',
    ]);
  });

  it('reports a field whose type does not exist at the type', async () => {
    expect(await diagnose({ 'types.graphql': userModel('  age: Integer\n') })).toEqual([
      'types.graphql:3:8 UNKNOWN_TYPE',
    ]);
  });

  it('reports a field that points at a model without @relation', async () => {
    const types = userModel('  posts: [Post!]!\n') + 'type Post @model {\n  id: ID! @isUnique\n}\n';
    expect(await diagnose({ 'types.graphql': types })).toEqual([
      'types.graphql:3:3 MISSING_RELATION_DIRECTIVE',
    ]);
  });

  it('reports the two fields of a relation that do not point at each other', async () => {
    const types =
      userModel('  posts: [Post!]! @relation(name: "UserPosts")\n') +
      'type Post @model {\n  id: ID! @isUnique\n  author: Post @relation(name: "UserPosts")\n}\n' +
      'type Comment @model {\n  id: ID! @isUnique\n}\n';
    expect(await diagnose({ 'types.graphql': types })).toEqual([
      'types.graphql:7:3 RELATION_MISMATCH',
    ]);
  });

  it('reports a field that takes the column name of a relation field', async () => {
    const types =
      userModel('  post: Post @relation(name: "UserPost")\n  postId: String\n') +
      'type Post @model {\n  id: ID! @isUnique\n  user: User @relation(name: "UserPost")\n}\n';
    expect(await diagnose({ 'types.graphql': types })).toEqual([
      'types.graphql:3:3 RELATION_COLUMN_CLASH',
    ]);
  });

  it('reports a type declared twice at the second declaration', async () => {
    const types = userModel('') + 'enum User {\n  A\n}\n';
    expect(await diagnose({ 'types.graphql': types })).toEqual([
      'types.graphql:4:6 DUPLICATE_TYPE',
    ]);
  });

  it('reports definitions a types file may not hold', async () => {
    const types = userModel('') + 'input UserInput {\n  a: String\n}\n';
    expect(await diagnose({ 'types.graphql': types })).toEqual([
      'types.graphql:4:1 UNSUPPORTED_DEFINITION',
    ]);
  });

  it('warns about a directive Graphcool does not know, and still generates', async () => {
    expect(
      await diagnose({ 'types.graphql': userModel('  age: Int @default(value: 1)\n') }),
    ).toEqual(['types.graphql:3:12 UNKNOWN_DIRECTIVE']);
  });

  it('reports every error of a project in one run', async () => {
    const types = 'type User {\n  email: Strin\n}\n';
    const schema = 'extend type Mutation {\n  signupUser: Missing\n}\n';
    expect(await diagnose({ 'types.graphql': types, 'src/signup.graphql': schema })).toEqual([
      'src/signup.graphql:2:15 PAYLOAD_NOT_IN_FILE',
      'types.graphql:1:6 MISSING_ID_FIELD',
      'types.graphql:1:6 MISSING_MODEL_DIRECTIVE',
      'types.graphql:2:10 UNKNOWN_TYPE',
    ]);
  });
});

describe('extension file rules', () => {
  const schema = (text: string) => ({ 'src/signup.graphql': text });

  it('reports a file that extends neither Query nor Mutation', async () => {
    expect(await diagnose(schema('type SignupUserPayload {\n  id: ID!\n}\n'))).toEqual([
      'src/signup.graphql:1:1 MISSING_EXTENSION_FIELD',
    ]);
  });

  it('reports a second field at its name', async () => {
    const text = 'type P {\n  id: ID\n}\nextend type Mutation {\n  a: P\n  b: P\n}\n';
    expect(await diagnose(schema(text))).toEqual([
      'src/signup.graphql:6:3 TOO_MANY_EXTENSION_FIELDS',
    ]);
  });

  it('reports a payload type that is not declared in the same file', async () => {
    expect(await diagnose(schema('extend type Mutation {\n  signupUser: String\n}\n'))).toEqual([
      'src/signup.graphql:2:15 PAYLOAD_NOT_IN_FILE',
    ]);
  });

  it('reports a payload field of a model type and a password field', async () => {
    const text =
      'type P {\n  user: User\n  password: String\n}\nextend type Mutation {\n  signupUser: P\n}\n';
    expect(await diagnose(schema(text))).toEqual([
      'src/signup.graphql:2:9 MODEL_IN_PAYLOAD',
      'src/signup.graphql:3:3 PASSWORD_IN_PAYLOAD',
    ]);
  });

  it('reports an argument of an unknown type', async () => {
    const text =
      'type P {\n  id: ID\n}\nextend type Mutation {\n  signupUser(email: Email!): P\n}\n';
    expect(await diagnose(schema(text))).toEqual(['src/signup.graphql:5:21 UNKNOWN_TYPE']);
  });

  it('reports an extension of a type other than Query or Mutation', async () => {
    const text =
      'type P {\n  id: ID\n}\nextend type User {\n  nick: String\n}\nextend type Query {\n  me: P\n}\n';
    expect(await diagnose(schema(text))).toEqual(['src/signup.graphql:4:13 UNSUPPORTED_EXTENSION']);
  });

  it('reports a field name that the CRUD API of a model takes', async () => {
    const text = 'type P {\n  id: ID\n}\nextend type Mutation {\n  createUser: P\n}\n';
    expect(await diagnose(schema(text))).toEqual(['src/signup.graphql:5:3 RESERVED_FIELD_NAME']);
  });

  it('reports two functions that add the same field, and a payload type declared twice', async () => {
    const config =
      'types: ./types.graphql\nfunctions:\n  signup:\n    type: resolver\n    schema: src/signup.graphql\n' +
      '    handler:\n      code: src/signup.ts\n  again:\n    type: resolver\n' +
      '    schema: src/again.graphql\n    handler:\n      code: src/again.ts\n';
    const again =
      'type SignupUserPayload {\n  id: ID!\n}\n\nextend type Mutation {\n  signupUser(email: String!): SignupUserPayload\n}\n';
    expect(await diagnose({ 'graphcool.yml': config, 'src/again.graphql': again })).toEqual([
      'src/again.graphql:1:6 DUPLICATE_TYPE',
      'src/again.graphql:6:3 DUPLICATE_FIELD_NAME',
    ]);
  });
});

describe('files the generator adds to', () => {
  it('reports a package.json that is not JSON at the offending character, writing nothing', async () => {
    expect(await diagnose({ 'package.json': '{\n  "name": "x",\n}\n' })).toEqual([
      'package.json:3:1 INVALID_PACKAGE_JSON',
    ]);
  });
});
