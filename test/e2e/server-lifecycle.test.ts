import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../support/generate.js';
import { errorCodes, graphql } from '../support/graphql.js';
import { sampleProjectDir } from '../support/paths.js';
import {
  TEST_AUTH_SECRET,
  spawnServer,
  startServer,
  stopAllServers,
} from '../support/startServer.js';
import { copyProject, type TempProject } from '../support/tempProject.js';

let project: TempProject | undefined;
let dir: string;

beforeAll(async () => {
  project = await copyProject(sampleProjectDir, 'e2e-lifecycle');
  dir = project.dir;
  await generate(dir);
});

afterEach(async () => {
  await stopAllServers();
  await rm(path.join(dir, '.auth-secret'), { force: true });
  await rm(path.join(dir, '.env'), { force: true });
});

afterAll(async () => {
  await stopAllServers();
  await project?.remove();
});

const SIGNUP = /* GraphQL */ `
  mutation {
    signupUser(email: "grace@example.com", password: "a long enough password") {
      id
      token
    }
  }
`;

describe('starting and stopping the generated server', () => {
  test('SIGTERM stops the server with exit code 0', async () => {
    const server = await startServer(dir, { DATABASE_URL: 'file:./sigterm.db' });

    const exit = await server.stop();

    expect(exit).toEqual({ code: 0, signal: null });
  });

  test('a relative DATABASE_URL is relative to the project folder', async () => {
    const server = await startServer(dir, { DATABASE_URL: 'file:./data/relative.db' });
    await server.stop();

    expect(existsSync(path.join(dir, 'data', 'relative.db'))).toBe(true);
  });

  test('with NODE_ENV=production and no AUTH_SECRET the server refuses to start', async () => {
    const server = spawnServer(dir, { NODE_ENV: 'production', AUTH_SECRET: undefined });

    const exit = await server.exited;

    expect(exit.code).toBe(1);
    expect(server.output()).toContain('AUTH_SECRET');
    expect(server.output()).not.toContain('Server ready');
    expect(existsSync(path.join(dir, '.auth-secret'))).toBe(false);
  });

  test('an AUTH_SECRET shorter than 32 characters is refused', async () => {
    const server = spawnServer(dir, { AUTH_SECRET: 'x'.repeat(31) });

    const exit = await server.exited;

    expect(exit.code).toBe(1);
    expect(server.output()).toContain('AUTH_SECRET');
    expect(server.output()).toContain('32');
    expect(server.output()).not.toContain('Server ready');
  });

  test('in development without AUTH_SECRET a secret is generated into .auth-secret and reused', async () => {
    const secretFile = path.join(dir, '.auth-secret');
    const env = { AUTH_SECRET: undefined, DATABASE_URL: 'file:./dev-secret.db' };

    const first = await startServer(dir, env);
    const secret = await readFile(secretFile, 'utf8');
    const signup = await graphql<{ signupUser: { id: string; token: string } }>(first.url, SIGNUP);
    await first.stop();

    expect(secret.trim().length).toBeGreaterThanOrEqual(32);
    expect(first.output()).toMatch(/\.auth-secret/);
    expect(signup.body.errors).toBeUndefined();

    const second = await startServer(dir, env);
    const again = await graphql<{ loggedInUser: { id: string } | null }>(
      second.url,
      '{ loggedInUser { id } }',
      { token: signup.body.data?.signupUser.token },
    );

    expect(await readFile(secretFile, 'utf8')).toBe(secret);
    expect(again.status).toBe(200);
    expect(again.body.data?.loggedInUser).toEqual({ id: signup.body.data?.signupUser.id });
  });

  test('AUTH_SECRET is read from a .env file in the project', async () => {
    await writeFile(path.join(dir, '.env'), `AUTH_SECRET=${TEST_AUTH_SECRET}\n`);

    const server = await startServer(dir, { NODE_ENV: 'production', AUTH_SECRET: undefined });

    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
  });

  test('with NODE_ENV=production introspection and GraphiQL are off', async () => {
    const server = await startServer(dir, { NODE_ENV: 'production' });

    const introspection = await graphql(server.url, '{ __schema { types { name } } }');
    const graphiql = await fetch(server.url, { headers: { accept: 'text/html' } });
    const query = await graphql(server.url, '{ loggedInUser { id } }');

    expect(introspection.body.data ?? null).toBeNull();
    expect(introspection.body.errors?.length).toBeGreaterThan(0);
    expect(graphiql.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(errorCodes(query)).toEqual([]);
    expect(query.body.data).toEqual({ loggedInUser: null });
  });
});
