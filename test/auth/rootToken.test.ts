import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../support/generate.js';
import { errorCodes, graphql } from '../support/graphql.js';
import {
  TEST_AUTH_SECRET,
  startServer,
  stopAllServers,
  type RunningServer,
} from '../support/startServer.js';
import { makeTempDir, removeTempDir, type TempProject } from '../support/tempProject.js';
import {
  WHO_AM_I,
  authProject,
  editConfig,
  lastLine,
  rootTokenCommand,
  withDatabase,
} from './authProject.js';

/**
 * `generator root-token`: issuing, replacing, revoking and listing root tokens of a project
 * whose `.env` names the database, with a server running on the same database all along.
 */

interface WhoAmI {
  whoAmI: { kind: string; name: string | null };
}

let project: TempProject | undefined;
let dir: string;
let server: RunningServer;
const databaseFile = () => path.join(dir, 'data', 'auth.db');

beforeAll(async () => {
  project = await authProject('auth-root-token', ['admin', 'ci']);
  dir = project.dir;
  // The server and the command both find the database and the secret through .env.
  await writeFile(
    path.join(dir, '.env'),
    `DATABASE_URL=file:./data/auth.db\nAUTH_SECRET=${TEST_AUTH_SECRET}\n`,
  );
  server = await start();
});

afterAll(async () => {
  await stopAllServers();
  await project?.remove();
});

function start(): Promise<RunningServer> {
  return startServer(dir, { DATABASE_URL: undefined, AUTH_SECRET: undefined });
}

async function whoAmI(token: string) {
  return graphql<WhoAmI>(server.url, WHO_AM_I, { token });
}

async function issue(name: string, args: string[] = ['--project', dir], cwd = process.cwd()) {
  const result = await rootTokenCommand([name, ...args], cwd);
  expect(result.code, result.stderr).toBe(0);
  return lastLine(result.stdout);
}

describe('generator root-token', () => {
  test('--list before any token lists each name without a token', async () => {
    const result = await rootTokenCommand(['--list', '--project', dir], process.cwd());

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^admin\s+no live token$/m);
    expect(result.stdout).toMatch(/^ci\s+no live token$/m);
  });

  test('prints a new token as the last line; it gives ctx.auth of kind root', async () => {
    const token = await issue('admin');
    const response = await whoAmI(token);

    expect(token).toMatch(/^gcr_[\w-]{43}$/);
    expect(response.status).toBe(200);
    expect(response.body.data?.whoAmI).toMatchObject({ kind: 'root', name: 'admin' });
  });

  test('run inside the project without --project, it finds the same database', async () => {
    const token = await issue('ci', [], dir);

    expect((await whoAmI(token)).body.data?.whoAmI).toMatchObject({ kind: 'root', name: 'ci' });
  });

  test('a new token replaces the previous one, refused at once by the running server', async () => {
    const first = await issue('admin');
    expect((await whoAmI(first)).status).toBe(200);

    const second = await issue('admin');
    const old = await whoAmI(first);
    const current = await whoAmI(second);

    expect(old.status).toBe(401);
    expect(errorCodes(old)).toEqual(['TOKEN_REVOKED']);
    expect(current.body.data?.whoAmI.kind).toBe('root');
  });

  test('--revoke makes the very next request with the token fail with TOKEN_REVOKED', async () => {
    const token = await issue('admin');
    expect((await whoAmI(token)).status).toBe(200);

    const revoked = await rootTokenCommand(['admin', '--revoke', '--project', dir], dir);
    const response = await whoAmI(token);

    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Revoked the root token "admin"');
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['TOKEN_REVOKED']);
  });

  test('only a hash of each token is stored', async () => {
    const token = await issue('admin');
    const rows = withDatabase(databaseFile(), (db) =>
      db.prepare('SELECT * FROM "_RootToken"').all(),
    ) as Record<string, unknown>[];

    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(rows.map((row) => row.tokenHash)).toContain(
      createHash('sha256').update(token).digest('base64url'),
    );
  });

  test('--list shows names and creation times, never token values', async () => {
    const token = await issue('ci');
    await rootTokenCommand(['admin', '--revoke', '--project', dir], dir);

    const result = await rootTokenCommand(['--list'], dir);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^admin\s+no live token$/m);
    expect(result.stdout).toMatch(/^ci\s+issued \d{4}-\d\d-\d\dT[\d:.]+Z$/m);
    expect(result.stdout).not.toContain('gcr_');
    expect(result.stdout).not.toContain(token.slice(4, 20));
  });

  test('a name not under rootTokens is refused with a message listing the names', async () => {
    const result = await rootTokenCommand(['root', '--project', dir], process.cwd());

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"root" is not a root token name');
    expect(result.stderr).toContain('"admin", "ci"');
  });

  test('a wrong command line exits 2 with the usage', async () => {
    const noName = await rootTokenCommand(['--project', dir], process.cwd());
    const listWithName = await rootTokenCommand(['admin', '--list', '--project', dir], dir);

    expect(noName.code).toBe(2);
    expect(listWithName.code).toBe(2);
    expect(noName.stderr).toContain('Usage: npx generator root-token');
  });

  test('a folder without generated code is refused with the command to run first', async () => {
    const empty = await makeTempDir('auth-root-token-empty');
    try {
      const result = await rootTokenCommand(['admin', '--project', empty], process.cwd());

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('npx generator run');
    } finally {
      await removeTempDir(empty);
    }
  });

  test('the token of a name removed from rootTokens is refused once the server runs the regenerated code', async () => {
    const ci = await issue('ci');
    const admin = await issue('admin');
    expect((await whoAmI(ci)).status).toBe(200);

    await editConfig(dir, (config) => config.set('rootTokens', ['admin']));
    await generate(dir);
    await server.stop();
    server = await start();

    const refused = await whoAmI(ci);
    const list = await rootTokenCommand(['--list'], dir);
    const reissue = await rootTokenCommand(['ci'], dir);

    expect(refused.status).toBe(401);
    expect(errorCodes(refused)).toEqual(['TOKEN_REVOKED']);
    expect((await whoAmI(admin)).body.data?.whoAmI).toMatchObject({
      kind: 'root',
      name: 'admin',
    });
    expect(list.stdout).toMatch(/^ci\s+issued .*no longer in rootTokens/m);
    expect(reissue.code).toBe(1);
    expect(reissue.stderr).toContain('"admin"');
  });
});
