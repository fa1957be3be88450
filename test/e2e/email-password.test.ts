import { SignJWT, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../support/generate.js';
import { errorCodes, graphql } from '../support/graphql.js';
import { sampleProjectDir } from '../support/paths.js';
import {
  TEST_AUTH_SECRET,
  startServer,
  stopAllServers,
  type RunningServer,
} from '../support/startServer.js';
import { copyProject, type TempProject } from '../support/tempProject.js';
import { queryServerDatabase } from '../support/testDatabases.js';

interface AuthPayload {
  id: string;
  token: string;
}

const SIGNUP = /* GraphQL */ `
  mutation Signup($email: String!, $password: String!) {
    signupUser(email: $email, password: $password) {
      id
      token
    }
  }
`;
const AUTHENTICATE = /* GraphQL */ `
  mutation Authenticate($email: String!, $password: String!) {
    authenticateUser(email: $email, password: $password) {
      id
      token
    }
  }
`;
const LOGGED_IN_USER = /* GraphQL */ `
  query {
    loggedInUser {
      id
    }
  }
`;

const email = 'ada@example.com';
const password = 'correct horse battery staple';

let project: TempProject | undefined;
let server: RunningServer;
let user: AuthPayload;

beforeAll(async () => {
  project = await copyProject(sampleProjectDir, 'e2e-email-password');
  await generate(project.dir);
  server = await startServer(project.dir);
});

afterAll(async () => {
  await stopAllServers();
  await project?.remove();
});

async function signup(address: string, secret: string) {
  return graphql<{ signupUser: AuthPayload | null }>(server.url, SIGNUP, {
    variables: { email: address, password: secret },
  });
}

async function authenticate(address: string, secret: string) {
  return graphql<{ authenticateUser: AuthPayload | null }>(server.url, AUTHENTICATE, {
    variables: { email: address, password: secret },
  });
}

async function loggedInUser(token?: string) {
  return graphql<{ loggedInUser: { id: string } | null }>(server.url, LOGGED_IN_USER, { token });
}

/** Signs `token`'s header and claims again with the test secret, with `changes` applied. */
async function resign(token: string, changes: JWTPayload): Promise<string> {
  const header = decodeProtectedHeader(token);
  const claims = { ...decodeJwt(token), ...changes };
  return new SignJWT(claims)
    .setProtectedHeader({ ...header, alg: 'HS256' })
    .sign(new TextEncoder().encode(TEST_AUTH_SECRET));
}

describe('the sample project served over HTTP', () => {
  test('GET /health answers 200 with status ok', async () => {
    const response = await fetch(`${server.origin}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('signupUser creates a user and returns its id and a node token', async () => {
    const response = await signup(email, password);

    expect(response.body.errors).toBeUndefined();
    const payload = response.body.data?.signupUser;
    expect(payload?.id).toMatch(/^\w+$/);
    expect(payload?.token.split('.')).toHaveLength(3);
    user = payload!;
  });

  test('the password is stored as an argon2id hash, not in plain text', async () => {
    const rows = await queryServerDatabase<{ email: string; password: string }>(
      project!.dir,
      'SELECT email, password FROM "User"',
    );

    expect(rows).toHaveLength(1);
    expect(rows[0]?.email).toBe(email);
    expect(rows[0]?.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0]?.password).not.toContain(password);
  });

  test('authenticateUser with the right password returns the same id and a working token', async () => {
    const response = await authenticate(email, password);

    expect(response.body.errors).toBeUndefined();
    const payload = response.body.data?.authenticateUser;
    expect(payload?.id).toBe(user.id);
    expect((await loggedInUser(payload?.token)).body.data?.loggedInUser).toEqual({ id: user.id });
  });

  test('loggedInUser returns the user of the token sent', async () => {
    const response = await loggedInUser(user.token);

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.loggedInUser).toEqual({ id: user.id });
  });

  test('loggedInUser returns null without a token', async () => {
    const response = await loggedInUser();

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.loggedInUser).toBeNull();
  });

  test('signing up again with an email already in use fails with EMAIL_TAKEN', async () => {
    const again = await signup(email, 'another password entirely');
    const otherCase = await signup('  ADA@Example.com ', 'another password entirely');

    for (const response of [again, otherCase]) {
      expect(response.body.data?.signupUser).toBeNull();
      expect(errorCodes(response)).toEqual(['EMAIL_TAKEN']);
      expect(response.body.errors?.[0]?.message).toMatch(/already/i);
    }
  });

  test('signing up with an invalid email fails with INVALID_EMAIL', async () => {
    for (const address of ['not-an-email', 'ada@', '@example.com', 'a b@example.com', '']) {
      const response = await signup(address, password);

      expect(response.body.data?.signupUser).toBeNull();
      expect(errorCodes(response), address).toEqual(['INVALID_EMAIL']);
    }
  });

  test('signing up with a too short password fails with INVALID_PASSWORD', async () => {
    const response = await signup('short@example.com', 'short');

    expect(response.body.data?.signupUser).toBeNull();
    expect(errorCodes(response)).toEqual(['INVALID_PASSWORD']);
  });

  test('a wrong password and an unknown email both fail with INVALID_CREDENTIALS and one message', async () => {
    const wrongPassword = await authenticate(email, 'not the password');
    const unknownEmail = await authenticate('nobody@example.com', password);

    expect(wrongPassword.body.data?.authenticateUser).toBeNull();
    expect(unknownEmail.body.data?.authenticateUser).toBeNull();
    expect(errorCodes(wrongPassword)).toEqual(['INVALID_CREDENTIALS']);
    expect(errorCodes(unknownEmail)).toEqual(['INVALID_CREDENTIALS']);
    expect(unknownEmail.body.errors?.[0]?.message).toBe(wrongPassword.body.errors?.[0]?.message);
  });

  test('a token with a tampered payload is refused with HTTP 401 and TOKEN_INVALID', async () => {
    const [header, , signature] = user.token.split('.');
    const forgedClaims = { ...decodeJwt(user.token), sub: 'someone-else' };
    const forged = `${header}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${signature}`;

    const response = await loggedInUser(forged);

    expect(response.status).toBe(401);
    expect(response.body.data ?? null).toBeNull();
    expect(errorCodes(response)).toEqual(['TOKEN_INVALID']);
  });

  test('a token that is not a JWT is refused with HTTP 401 and TOKEN_INVALID', async () => {
    const response = await loggedInUser('not-a-token');

    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['TOKEN_INVALID']);
  });

  test('a token signed with another secret is refused with HTTP 401 and TOKEN_INVALID', async () => {
    const claims = decodeJwt(user.token);
    const other = await new SignJWT(claims)
      .setProtectedHeader({ ...decodeProtectedHeader(user.token), alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-of-more-than-32-characters'));

    const response = await loggedInUser(other);

    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['TOKEN_INVALID']);
  });

  test('a token of a node that does not exist is refused with HTTP 401 and NODE_NOT_FOUND', async () => {
    const response = await loggedInUser(await resign(user.token, { sub: 'no-such-user' }));

    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['NODE_NOT_FOUND']);
  });

  test('an expired token is refused with HTTP 401 and TOKEN_EXPIRED', async () => {
    const now = Math.floor(Date.now() / 1000);
    // The same claims signed again with a future expiry are accepted, which shows that the
    // test signs tokens the way the server does; only the expiry differs below.
    const valid = await resign(user.token, { iat: now - 120, exp: now + 3600 });
    expect((await loggedInUser(valid)).body.data?.loggedInUser).toEqual({ id: user.id });

    const expired = await resign(user.token, { iat: now - 7200, exp: now - 3600 });
    const response = await loggedInUser(expired);

    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['TOKEN_EXPIRED']);
  });

  test('the served schema has no User type and no password field', async () => {
    const response = await graphql<{
      __schema: {
        types: {
          name: string;
          fields: { name: string; args: { name: string }[] }[] | null;
          inputFields: { name: string }[] | null;
        }[];
      };
    }>(
      server.url,
      /* GraphQL */ `
        {
          __schema {
            types {
              name
              fields {
                name
                args {
                  name
                }
              }
              inputFields {
                name
              }
            }
          }
        }
      `,
    );

    expect(response.body.errors).toBeUndefined();
    const types = response.body.data?.__schema.types ?? [];
    const names = types.map((type) => type.name);
    expect(names).toEqual(
      expect.arrayContaining(['Query', 'Mutation', 'SignupUserPayload', 'LoggedInUserPayload']),
    );
    expect(names).not.toContain('User');
    const passwordFields = types.flatMap((type) => [
      ...(type.fields ?? [])
        .filter((field) => field.name === 'password')
        .map((field) => `${type.name}.${field.name}`),
      ...(type.inputFields ?? [])
        .filter((field) => field.name === 'password')
        .map((field) => `${type.name}.${field.name}`),
    ]);
    expect(passwordFields).toEqual([]);
  });
});
