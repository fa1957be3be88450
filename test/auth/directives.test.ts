import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../generator/run.js';
import { errorCodes, graphql } from '../support/graphql.js';
import {
  TEST_AUTH_SECRET,
  startServer,
  stopAllServers,
  type RunningServer,
} from '../support/startServer.js';
import { removeTempDir, type TempProject } from '../support/tempProject.js';
import { writeProject } from '../support/writeProject.js';
import {
  authProject,
  lastLine,
  rootTokenCommand,
  signupUser,
  tokenScript,
  withDatabase,
} from './authProject.js';

/**
 * `@requireAuth` and `@requireRoot` on extension fields: the rules the generator checks, and the
 * enforcement of the generated wiring over HTTP.
 */

const dirs: string[] = [];
let project: TempProject | undefined;
let server: RunningServer;
let userToken: string;
let deviceToken: string;
let rootToken: string;

beforeAll(async () => {
  project = await authProject('auth-directives');
  server = await startServer(project.dir);
  userToken = (await signupUser(server.url)).token;
  deviceToken = await tokenOfNewDevice(project.dir);
  const issued = await rootTokenCommand(['admin'], project.dir, {
    AUTH_SECRET: TEST_AUTH_SECRET,
    DATABASE_URL: `file:${path.join(project.dir, 'test.db')}`,
  });
  rootToken = lastLine(issued.stdout);
});

afterAll(async () => {
  await stopAllServers();
  await project?.remove();
  await Promise.all(dirs.map((dir) => removeTempDir(dir)));
});

/** A `Device` row and a node token for it, issued by generateNodeToken in a script. */
async function tokenOfNewDevice(dir: string): Promise<string> {
  const id = 'device-1';
  withDatabase(path.join(dir, 'test.db'), (db) =>
    db.prepare('INSERT INTO "Device" (id, name) VALUES (?, ?)').run(id, 'phone'),
  );
  const token = await tokenScript(dir, ['issue', id, 'Device'], {
    AUTH_SECRET: TEST_AUTH_SECRET,
    DATABASE_URL: `file:${path.join(dir, 'test.db')}`,
  });
  return token as string;
}

async function call(query: string, token?: string) {
  return graphql(server.url, query, { token });
}

describe('enforcement before the handler runs', () => {
  const ANY = '{ anyCaller { kind } }';
  const ROOT = '{ adminStats { users } }';
  const USER = 'mutation { logoutEverywhere { id } }';

  test('@requireAuth admits any token and refuses anonymous callers with UNAUTHENTICATED', async () => {
    const anonymous = await call(ANY);

    expect(anonymous.status).toBe(200);
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.body.data).toEqual({ anyCaller: null });
    expect((await call(ANY, userToken)).body.data).toEqual({ anyCaller: { kind: 'node' } });
    expect(decodeJwt(deviceToken).typeName).toBe('Device');
    expect((await call(ANY, deviceToken)).body.data).toEqual({ anyCaller: { kind: 'node' } });
    expect((await call(ANY, rootToken)).body.data).toEqual({ anyCaller: { kind: 'root' } });
  });

  test('@requireRoot admits root tokens only: UNAUTHENTICATED, then FORBIDDEN', async () => {
    expect(errorCodes(await call(ROOT))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await call(ROOT, userToken))).toEqual(['FORBIDDEN']);
    expect((await call(ROOT, rootToken)).body.data).toEqual({
      adminStats: { users: expect.any(Number) },
    });
  });

  test('@requireAuth(types: [User]) refuses a node token of another type with FORBIDDEN', async () => {
    expect(errorCodes(await call(USER))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await call(USER, deviceToken))).toEqual(['FORBIDDEN']);
    // A root token passes the directive; the handler's requireNode(ctx, 'User') refuses it.
    expect(errorCodes(await call(USER, rootToken))).toEqual(['FORBIDDEN']);
  });

  test('the served schema carries no auth directive', async () => {
    const schema = await readFile(path.join(project!.dir, 'generated', 'schema.graphql'), 'utf8');

    expect(schema).toContain('adminStats: AdminStatsPayload\n');
    expect(schema).not.toMatch(/@require/);
  });
});

/** Runs the generator in check mode on the base project plus `sdl` as src/signup.graphql. */
async function diagnose(sdl: string): Promise<string[]> {
  const dir = await writeProject('auth-directive-rules', { 'src/signup.graphql': sdl });
  dirs.push(dir);
  const result = await run({ projectDir: dir, check: true, env: {} });
  return result.diagnostics.map(
    (item) => `${item.line}:${item.column} ${item.code} ${item.message}`,
  );
}

const field = (directives: string, payloadField = 'id: ID!') =>
  `type SignupUserPayload {\n  ${payloadField}\n}\n\nextend type Mutation {\n  signupUser(email: String!): SignupUserPayload ${directives}\n}\n`;

describe('rules for auth directives', () => {
  test('plain SDL and well-formed directives pass', async () => {
    for (const directives of [
      '',
      '@requireAuth',
      '@requireRoot',
      '@requireAuth(types: [User])',
      '@requireAuth(types: User) @deprecated',
    ]) {
      expect(await diagnose(field(directives)), directives).toEqual([]);
    }
  });

  test('a type that is not a @model is reported at its name, with the model names', async () => {
    const [diagnostic, ...rest] = await diagnose(field('@requireAuth(types: [User, Admin])'));

    expect(rest).toEqual([]);
    expect(diagnostic).toMatch(/^6:76 UNKNOWN_AUTH_TYPE .*"Admin".*"User"/);
  });

  test('quoted or missing type names, unknown arguments and arguments of @requireRoot', async () => {
    const codes = async (directives: string) =>
      (await diagnose(field(directives))).map((line) => line.split(' ').slice(0, 2).join(' '));

    expect(await codes('@requireAuth(types: ["User"])')).toEqual(['6:70 INVALID_AUTH_TYPES']);
    expect(await codes('@requireAuth(types: [])')).toEqual(['6:69 INVALID_AUTH_TYPES']);
    expect(await codes('@requireAuth(roles: [User])')).toEqual(['6:62 UNKNOWN_DIRECTIVE_ARGUMENT']);
    expect(await codes('@requireRoot(types: [User])')).toEqual(['6:62 UNKNOWN_DIRECTIVE_ARGUMENT']);
  });

  test('two auth directives, a misspelt one, and one on a payload field', async () => {
    const codes = async (sdl: string) =>
      (await diagnose(sdl)).map((line) => line.split(' ').slice(0, 2).join(' '));

    expect(await codes(field('@requireAuth @requireRoot'))).toEqual([
      '6:62 CONFLICTING_AUTH_DIRECTIVES',
    ]);
    expect(await codes(field('@requireRoot @requireRoot'))).toEqual([
      '6:62 DUPLICATE_AUTH_DIRECTIVE',
    ]);
    expect(await codes(field('@requireAuht'))).toEqual(['6:49 UNKNOWN_DIRECTIVE']);
    expect(await codes(field('', 'id: ID! @requireRoot'))).toEqual([
      '2:11 MISPLACED_AUTH_DIRECTIVE',
    ]);
  });
});
