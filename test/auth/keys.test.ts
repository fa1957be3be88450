import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SignJWT,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
  type JWTHeaderParameters,
} from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { errorCodes, graphql } from '../support/graphql.js';
import {
  TEST_AUTH_SECRET,
  spawnServer,
  startServer,
  stopAllServers,
  type RunningServer,
  type ServerEnv,
} from '../support/startServer.js';
import type { TempProject } from '../support/tempProject.js';
import { WHO_AM_I, authProject, kidOf, signupUser, tokenScript } from './authProject.js';

/**
 * Key pairs, the JWKS endpoint and key rotation. The servers share one database, so a user
 * signed up on one exists for the next, which is what rotation needs.
 */

interface WhoAmI {
  whoAmI: { kind: string; nodeId: string | null };
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed25519 = generateKeyPairSync('ed25519');
const pem = (key: { export(options: object): string | Buffer }, type: 'pkcs8' | 'spki') =>
  key.export({ format: 'pem', type }).toString();

const NEW_SECRET = 'the-next-secret-0123456789-abcdefghijklmnopqrstuv';

let project: TempProject | undefined;
let dir: string;
/** Tokens issued under each configuration, in the order of the tests. */
const issued: { hs256?: string; rs256?: string } = {};

beforeAll(async () => {
  project = await authProject('auth-keys');
  dir = project.dir;
  await mkdir(path.join(dir, 'keys'));
  await writeFile(path.join(dir, 'keys', 'rsa.pem'), pem(rsa.privateKey, 'pkcs8'));
  await writeFile(path.join(dir, 'keys', 'rsa.pub.pem'), pem(rsa.publicKey, 'spki'));
});

afterEach(async () => {
  await stopAllServers();
});

afterAll(async () => {
  await project?.remove();
});

async function whoAmI(server: RunningServer, token: string) {
  return graphql<WhoAmI>(server.url, WHO_AM_I, { token });
}

async function jwks(server: RunningServer): Promise<{ status: number; body?: JSONWebKeySet }> {
  const response = await fetch(`${server.origin}/.well-known/jwks.json`);
  return {
    status: response.status,
    body: response.ok ? ((await response.json()) as JSONWebKeySet) : undefined,
  };
}

describe('HS256 (the default)', () => {
  test('signs with AUTH_SECRET and publishes no JWKS', async () => {
    const server = await startServer(dir);
    const user = await signupUser(server.url);
    issued.hs256 = user.token;

    expect(decodeProtectedHeader(user.token).alg).toBe('HS256');
    expect(decodeJwt(user.token).exp! - Math.floor(decodeJwt(user.token).iat!)).toBe(
      30 * 24 * 60 * 60,
    );
    expect((await jwks(server)).status).toBe(404);
  });
});

describe('RS256 from a key file', () => {
  const env: ServerEnv = { AUTH_PRIVATE_KEY_FILE: 'keys/rsa.pem' };

  test('signs node tokens with RS256 and a kid that the JWKS endpoint publishes', async () => {
    const server = await startServer(dir, env);
    const user = await signupUser(server.url);
    issued.rs256 = user.token;
    const published = await jwks(server);

    expect(decodeProtectedHeader(user.token)).toMatchObject({
      alg: 'RS256',
      kid: expect.any(String),
    });
    expect(published.status).toBe(200);
    expect(published.body?.keys.map((key) => key.kid)).toEqual([kidOf(user.token)]);
    expect(JSON.stringify(published.body)).not.toMatch(/"d"|"p"|"q"|"k"/);
    const verified = await jwtVerify(user.token, createLocalJWKSet(published.body!), {
      issuer: 'graphcool-generator',
      audience: 'graphql-api',
    });
    expect(verified.payload.sub).toBe(user.id);
  });

  test('AUTH_SECRET still verifies the HS256 tokens issued before the switch', async () => {
    const server = await startServer(dir, env);

    expect((await whoAmI(server, issued.hs256!)).body.data?.whoAmI.kind).toBe('node');
  });

  test('HS256 signed with the RSA public key, under its kid or none, is refused with TOKEN_INVALID', async () => {
    const server = await startServer(dir, env);
    const claims = decodeJwt(issued.rs256!);
    const kid = kidOf(issued.rs256!);
    const publicPem = new TextEncoder().encode(pem(rsa.publicKey, 'spki'));
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
      .sign(publicPem);
    const noKid = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(publicPem);

    for (const token of [confused, noKid]) {
      const response = await whoAmI(server, token);
      expect(response.status).toBe(401);
      expect(errorCodes(response)).toEqual(['TOKEN_INVALID']);
    }
  });

  test('RS256 signed with another private key under the real kid is refused with TOKEN_INVALID', async () => {
    const server = await startServer(dir, env);
    const forged = await new SignJWT(decodeJwt(issued.rs256!))
      .setProtectedHeader(decodeProtectedHeader(issued.rs256!) as JWTHeaderParameters)
      .sign(otherRsa.privateKey);

    const response = await whoAmI(server, forged);

    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['TOKEN_INVALID']);
  });
});

describe('rotation', () => {
  test('EdDSA from the environment, keeping the RSA public key: RS256 tokens still work, HS256 ones no longer', async () => {
    const server = await startServer(dir, {
      AUTH_SECRET: undefined,
      AUTH_PRIVATE_KEY: pem(ed25519.privateKey, 'pkcs8'),
      AUTH_VERIFY_KEYS_FILE: 'keys/rsa.pub.pem',
    });
    const user = await signupUser(server.url);
    const published = await jwks(server);
    const oldHs = await whoAmI(server, issued.hs256!);

    expect(decodeProtectedHeader(user.token).alg).toBe('EdDSA');
    expect((await whoAmI(server, issued.rs256!)).body.data?.whoAmI.kind).toBe('node');
    expect(oldHs.status).toBe(401);
    expect(errorCodes(oldHs)).toEqual(['TOKEN_INVALID']);
    expect(published.body?.keys.map((key) => key.kid).sort()).toEqual(
      [kidOf(user.token), kidOf(issued.rs256!)].sort(),
    );
  });

  test('a new AUTH_SECRET with the old one in AUTH_VERIFY_SECRETS: old tokens work, new ones use the new kid', async () => {
    const server = await startServer(dir, {
      AUTH_SECRET: NEW_SECRET,
      AUTH_VERIFY_SECRETS: TEST_AUTH_SECRET,
    });
    const user = await signupUser(server.url);

    expect((await whoAmI(server, issued.hs256!)).body.data?.whoAmI.kind).toBe('node');
    expect(kidOf(user.token)).not.toBe(kidOf(issued.hs256!));
    expect((await whoAmI(server, user.token)).body.data?.whoAmI.kind).toBe('node');
  });

  test('once the old secret is dropped, its tokens are refused with TOKEN_INVALID', async () => {
    const server = await startServer(dir, { AUTH_SECRET: NEW_SECRET });

    const response = await whoAmI(server, issued.hs256!);

    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['TOKEN_INVALID']);
  });
});

describe('outside a request', () => {
  const env = () => ({
    AUTH_SECRET: TEST_AUTH_SECRET,
    DATABASE_URL: `file:${path.join(dir, 'test.db')}`,
  });

  test('openTokens().verifyToken checks a token in a script, with the server configuration', async () => {
    const valid = await tokenScript(dir, ['verify', issued.hs256!], env());
    const invalid = await tokenScript(dir, ['verify', 'not.a.token'], env());

    expect(valid).toEqual({ kind: 'node', nodeId: decodeJwt(issued.hs256!).sub, typeName: 'User' });
    expect(invalid).toEqual({ code: 'TOKEN_INVALID' });
  });

  test('authenticate works as a plain function on an Authorization header value', async () => {
    const cases: [string, unknown][] = [
      ['', { kind: 'anonymous' }],
      [
        `  bearer ${issued.hs256!} `,
        { kind: 'node', nodeId: decodeJwt(issued.hs256!).sub, typeName: 'User' },
      ],
      [`Basic ${issued.hs256!}`, { code: 'TOKEN_INVALID' }],
    ];
    for (const [header, expected] of cases) {
      expect(await tokenScript(dir, ['header', header], env()), header).toEqual(expected);
    }
  });
});

describe('configuration mistakes stop the server with a message', () => {
  test('an RSA key under 2048 bits, and a lifetime that is not a number', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const cases: [ServerEnv, RegExp][] = [
      [{ AUTH_PRIVATE_KEY: pem(weak.privateKey, 'pkcs8') }, /RSA key of 1024 bits/],
      [{ AUTH_TOKEN_LIFETIME: 'a month' }, /AUTH_TOKEN_LIFETIME must be a whole number/],
    ];
    for (const [env, message] of cases) {
      const server = spawnServer(dir, env);
      const exit = await server.exited;

      expect(exit.code).toBe(1);
      expect(server.output()).toMatch(message);
    }
  });
});
