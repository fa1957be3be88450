import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorCodes, graphql, type GraphQLResponse } from '../support/graphql.js';
import {
  TEST_AUTH_SECRET,
  startServer,
  stopAllServers,
  type RunningServer,
} from '../support/startServer.js';
import type { TempProject } from '../support/tempProject.js';
import { defaultServerDatabaseUrl } from '../support/testDatabases.js';
import {
  WHO_AM_I,
  authProject,
  authenticateUser,
  deleteUser,
  revokeUserTokens,
  signupUser,
  tokenScript,
} from './authProject.js';

/**
 * The attack suite: forged, altered, stale and misplaced tokens sent over HTTP to the running
 * sample project (HS256 with AUTH_SECRET). Each is refused with HTTP 401 and the right code.
 */

interface WhoAmI {
  whoAmI: { kind: string; name: string | null; nodeId: string | null; typeName: string | null };
}

const NODE_CACHE_SECONDS = 3;
const TOKEN_LIFETIME = 3600;

let project: TempProject | undefined;
let server: RunningServer;
let user: { id: string; token: string; email: string };
const sentTokens: string[] = [];

beforeAll(async () => {
  project = await authProject('auth-attacks');
  server = await startServer(project.dir, {
    AUTH_NODE_CACHE_SECONDS: String(NODE_CACHE_SECONDS),
    AUTH_TOKEN_LIFETIME: String(TOKEN_LIFETIME),
  });
  user = await signupUser(server.url);
});

afterAll(async () => {
  await stopAllServers();
  await project?.remove();
});

async function whoAmI(headers: Record<string, string> = {}, url = server.url) {
  for (const value of Object.values(headers)) sentTokens.push(value);
  return graphql<WhoAmI>(url, WHO_AM_I, { headers });
}

/**
 * Signs a user up and sends its token once, so that the server caches its node; then `change`s
 * the user in the database behind the server's back and sends the token again at once
 * (`cached`) and once AUTH_NODE_CACHE_SECONDS have passed (`later`).
 */
async function changedBehindTheCache(change: (databaseFile: string, id: string) => void) {
  const someone = await signupUser(server.url);
  expect((await whoAmI(bearer(someone.token))).status).toBe(200);
  change(path.join(project!.dir, 'test.db'), someone.id);

  const cached = await whoAmI(bearer(someone.token));
  await new Promise((resolve) => setTimeout(resolve, NODE_CACHE_SECONDS * 1000 + 200));
  const later = await whoAmI(bearer(someone.token));
  return { cached, later };
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Signs claims with the test secret and the header of a real token, `changes` applied. */
async function forge(
  claims: JWTPayload,
  header: Record<string, unknown> = {},
  secret = TEST_AUTH_SECRET,
): Promise<string> {
  return new SignJWT({ ...decodeJwt(user.token), ...claims })
    .setProtectedHeader({ ...decodeProtectedHeader(user.token), alg: 'HS256', ...header })
    .sign(new TextEncoder().encode(secret));
}

function expectRefused(response: GraphQLResponse<unknown>, code: string): void {
  expect(response.status).toBe(401);
  expect(response.body.data ?? null).toBeNull();
  expect(errorCodes(response)).toEqual([code]);
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
}

const base64url = (value: JWTPayload | Record<string, unknown> | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('accepted requests', () => {
  test('a node token issued by signupUser authenticates its user', async () => {
    const response = await whoAmI(bearer(user.token));

    expect(response.status).toBe(200);
    expect(response.body.data?.whoAmI).toEqual({
      kind: 'node',
      name: null,
      nodeId: user.id,
      typeName: 'User',
    });
  });

  test('no Authorization header, or an empty one, is anonymous', async () => {
    const cases: Record<string, string>[] = [{}, { authorization: '' }, { authorization: '   ' }];
    for (const headers of cases) {
      const response = await whoAmI(headers);

      expect(response.status).toBe(200);
      expect(response.body.data?.whoAmI.kind).toBe('anonymous');
    }
  });

  test('the Bearer scheme is matched in any case and surrounding white space is ignored', async () => {
    for (const header of [
      `bearer ${user.token}`,
      `BEARER   ${user.token}`,
      `  Bearer ${user.token}\t`,
    ]) {
      const response = await whoAmI({ authorization: header });

      expect(response.body.data?.whoAmI.nodeId, header).toBe(user.id);
    }
  });

  test('tokens carry a kid, the issuer, the audience and the configured lifetime', () => {
    const header = decodeProtectedHeader(user.token);
    const claims = decodeJwt(user.token);

    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT', kid: expect.any(String) });
    expect(claims).toMatchObject({
      iss: 'graphcool-generator',
      aud: 'graphql-api',
      sub: user.id,
      typeName: 'User',
    });
    expect(claims.exp! - Math.floor(claims.iat!)).toBe(TOKEN_LIFETIME);
  });
});

describe('forged and altered tokens', () => {
  test('alg "none" is refused with TOKEN_INVALID', async () => {
    const header = { ...decodeProtectedHeader(user.token), alg: 'none' };
    const unsigned = `${base64url(header)}.${base64url(decodeJwt(user.token))}.`;

    expectRefused(await whoAmI(bearer(unsigned)), 'TOKEN_INVALID');
  });

  test('a token signed with a wrong key is refused with TOKEN_INVALID', async () => {
    const forged = await forge({}, {}, 'another-secret-of-at-least-thirty-two-characters');

    expectRefused(await whoAmI(bearer(forged)), 'TOKEN_INVALID');
  });

  test('a tampered payload is refused with TOKEN_INVALID', async () => {
    const [header, , signature] = user.token.split('.');
    const claims: JWTPayload = decodeJwt(user.token);
    const payload = base64url({ ...claims, sub: 'someone-else' });

    expectRefused(await whoAmI(bearer(`${header}.${payload}.${signature}`)), 'TOKEN_INVALID');
  });

  test('a tampered signature is refused with TOKEN_INVALID', async () => {
    const [header, payload, signature = ''] = user.token.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[0] = bytes[0]! ^ 0xff;

    expectRefused(
      await whoAmI(bearer(`${header}.${payload}.${bytes.toString('base64url')}`)),
      'TOKEN_INVALID',
    );
  });

  test('a token with an unknown kid, or none, is refused with TOKEN_INVALID', async () => {
    const unknownKid = await forge({}, { kid: 'not-a-key-of-this-server' });
    const noKid = await forge({}, { kid: undefined });

    expectRefused(await whoAmI(bearer(unknownKid)), 'TOKEN_INVALID');
    expectRefused(await whoAmI(bearer(noKid)), 'TOKEN_INVALID');
  });

  test('a token with another issuer, audience or type is refused with TOKEN_INVALID', async () => {
    for (const claims of [{ iss: 'someone' }, { aud: 'another-api' }, { typeName: 'Admin' }]) {
      expectRefused(await whoAmI(bearer(await forge(claims))), 'TOKEN_INVALID');
    }
  });

  test('garbage after the scheme is refused with TOKEN_INVALID', async () => {
    const garbage = [
      'Bearer %%%not*base64%%%',
      'Bearer',
      'Bearer a b',
      'Basic dXNlcjpwYXNzd29yZA==',
      `Bearer ${randomBytes(48).toString('base64')}`,
      `Bearer ${randomBytes(20).toString('base64url')}.${randomBytes(20).toString('base64url')}.x`,
      `Bearer ${base64url('{"alg":')}.${base64url('[]')}.AAAA`,
      `Bearer ${user.token}, Bearer ${user.token}`,
    ];
    for (const authorization of garbage) {
      const response = await whoAmI({ authorization });

      expect(response.status, authorization).toBe(401);
      expect(errorCodes(response), authorization).toEqual(['TOKEN_INVALID']);
    }
  });
});

describe('stale tokens', () => {
  test('an expired token is refused with TOKEN_EXPIRED', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await forge({ iat: now - 7200, exp: now - 3600 });

    expectRefused(await whoAmI(bearer(expired)), 'TOKEN_EXPIRED');
  });

  test('a token that is not valid yet is refused with TOKEN_INVALID', async () => {
    const notYet = await forge({ nbf: Math.floor(Date.now() / 1000) + 3600 });

    expectRefused(await whoAmI(bearer(notYet)), 'TOKEN_INVALID');
  });

  test('the token of a deleted node is refused with NODE_NOT_FOUND', async () => {
    const doomed = await signupUser(server.url);
    deleteUser(path.join(project!.dir, 'test.db'), doomed.id);

    expectRefused(await whoAmI(bearer(doomed.token)), 'NODE_NOT_FOUND');
  });

  test('a node found recently is remembered for AUTH_NODE_CACHE_SECONDS, not longer', async () => {
    const { cached, later } = await changedBehindTheCache(deleteUser);

    expect(cached.status).toBe(200);
    expectRefused(later, 'NODE_NOT_FOUND');
  });

  test('after logoutEverywhere every earlier token of the user is refused with TOKEN_REVOKED', async () => {
    const victim = await signupUser(server.url);
    const otherSession = await forge({ sub: victim.id, iat: Date.now() / 1000 - 60 });
    expect((await whoAmI(bearer(otherSession))).status).toBe(200);

    const logout = await graphql(server.url, 'mutation { logoutEverywhere { id } }', {
      token: victim.token,
    });
    expect(logout.body).toEqual({ data: { logoutEverywhere: { id: victim.id } } });

    expectRefused(await whoAmI(bearer(victim.token)), 'TOKEN_REVOKED');
    expectRefused(await whoAmI(bearer(otherSession)), 'TOKEN_REVOKED');
    expect((await whoAmI(bearer(user.token))).status).toBe(200);
  });

  test('a revocation by another process is seen within AUTH_NODE_CACHE_SECONDS', async () => {
    const { cached, later } = await changedBehindTheCache(revokeUserTokens);

    expect(cached.status).toBe(200);
    expectRefused(later, 'TOKEN_REVOKED');
  });

  test('with AUTH_NODE_CACHE_SECONDS=0 a revocation by a script applies at once', async () => {
    const uncached = await startServer(project!.dir, {
      AUTH_NODE_CACHE_SECONDS: '0',
      AUTH_TOKEN_LIFETIME: String(TOKEN_LIFETIME),
    });
    const someone = await signupUser(uncached.url);
    expect((await whoAmI(bearer(someone.token), uncached.url)).status).toBe(200);

    const revoked = await tokenScript(project!.dir, ['revoke', someone.id, 'User'], {
      AUTH_SECRET: TEST_AUTH_SECRET,
      DATABASE_URL: defaultServerDatabaseUrl(project!.dir),
    });

    expect(revoked).toBe('revoked');
    expectRefused(await whoAmI(bearer(someone.token), uncached.url), 'TOKEN_REVOKED');
  });

  test('a token accepted while valid is refused with TOKEN_EXPIRED once it expires', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await forge({ exp: expiresAt });
    expect((await whoAmI(bearer(shortLived))).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 200));

    expectRefused(await whoAmI(bearer(shortLived)), 'TOKEN_EXPIRED');
  });

  test('a token issued right after a revocation works; the earlier ones stay refused', async () => {
    const someone = await signupUser(server.url);
    await graphql(server.url, 'mutation { logoutEverywhere { id } }', { token: someone.token });

    const login = await authenticateUser(server.url, someone.email);
    const fresh = login.body.data?.authenticateUser?.token ?? '';

    expect((await whoAmI(bearer(fresh))).body.data?.whoAmI.nodeId).toBe(someone.id);
    expectRefused(await whoAmI(bearer(someone.token)), 'TOKEN_REVOKED');
  });
});

describe('misplaced and oversized tokens', () => {
  test('a token in the query string is ignored: the request is anonymous', async () => {
    for (const parameter of ['token', 'access_token', 'authorization']) {
      const url = `${server.url}?${parameter}=${encodeURIComponent(user.token)}`;
      const response = await whoAmI({}, url);

      expect(response.status).toBe(200);
      expect(response.body.data?.whoAmI.kind).toBe('anonymous');
    }
  });

  test('an Authorization header of 8 to 16 KB is refused (401 TOKEN_INVALID, or 431 from Node)', async () => {
    for (const size of [8 * 1024, 12 * 1024, 16 * 1024]) {
      const token = 'a'.repeat(size);
      const { status, body } = await rawPost(server.url, `Bearer ${token}`);

      expect([401, 431], `${size} bytes`).toContain(status);
      if (status === 401) {
        expect(JSON.parse(body).errors[0].extensions.code).toBe('TOKEN_INVALID');
      }
    }
  });
});

describe('what failures reveal', () => {
  test('a wrong password and an unknown email get the same status and body', async () => {
    const known = await authenticateUser(server.url, user.email, 'not the password at all');
    const unknown = await authenticateUser(server.url, 'nobody-here@example.com');

    expect(errorCodes(known)).toEqual(['INVALID_CREDENTIALS']);
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
  });

  test('token errors name no user, email or token', async () => {
    const deleted = await signupUser(server.url);
    deleteUser(path.join(project!.dir, 'test.db'), deleted.id);
    const responses = [
      await whoAmI(bearer(deleted.token)),
      await whoAmI(bearer(await forge({ sub: 'no-such-user' }))),
      await whoAmI(bearer(await forge({}, {}, 'another-secret-of-at-least-thirty-two-characters'))),
    ];

    for (const response of responses) {
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(deleted.id);
      expect(text).not.toContain('no-such-user');
      expect(text).not.toContain('@');
      expect(text).not.toContain(deleted.token.split('.')[1]);
    }
  });

  test('the server never logs a token', () => {
    const output = server.output();
    for (const token of [user.token, ...sentTokens]) {
      const value = token.replace(/^\s*bearer\s+/i, '').trim();
      // The end of a JWT is its signature, unique to the token.
      if (value.length >= 20) expect(output).not.toContain(value.slice(-30));
    }
  });
});

/** POSTs with node:http, which (unlike fetch) reports Node's 431 answer to a huge header. */
function rawPost(url: string, authorization: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ query: '{ whoAmI { kind } }' }));
  });
}
