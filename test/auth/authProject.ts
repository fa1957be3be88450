import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { decodeProtectedHeader } from 'jose';
import { parseDocument } from 'yaml';
import { generate } from '../support/generate.js';
import { graphql } from '../support/graphql.js';
import { binPath, repoRoot, sampleProjectDir } from '../support/paths.js';
import { copyProject, type TempProject } from '../support/tempProject.js';

/**
 * Functions the auth tests add to a copy of the sample project: `whoAmI` reports `ctx.auth`
 * (no directive), `anyCaller` has `@requireAuth`, `adminStats` has `@requireRoot`, and a second
 * model, `Device`, gives node tokens of another type than `User`.
 */
const EXTRA_FILES: Record<string, string> = {
  'src/whoAmI.graphql': `type WhoAmIPayload {
  kind: String!
  name: String
  nodeId: ID
  typeName: String
}

extend type Query {
  whoAmI: WhoAmIPayload!
}
`,
  'src/whoAmI.ts': `import type { WhoAmIHandler } from '../generated/handlers.js';

const whoAmI: WhoAmIHandler = (_args, ctx) => {
  const { auth } = ctx;
  if (auth.kind === 'node') return { kind: auth.kind, nodeId: auth.nodeId, typeName: auth.typeName };
  if (auth.kind === 'root') return { kind: auth.kind, name: auth.name };
  return { kind: auth.kind };
};

export default whoAmI;
`,
  'src/anyCaller.graphql': `type AnyCallerPayload {
  kind: String!
}

extend type Query {
  anyCaller: AnyCallerPayload @requireAuth
}
`,
  'src/anyCaller.ts': `import type { AnyCallerHandler } from '../generated/handlers.js';

const anyCaller: AnyCallerHandler = (_args, ctx) => ({ kind: ctx.auth.kind });

export default anyCaller;
`,
  'src/adminStats.graphql': `type AdminStatsPayload {
  users: Int!
}

extend type Query {
  adminStats: AdminStatsPayload @requireRoot
}
`,
  'src/adminStats.ts': `import type { AdminStatsHandler } from '../generated/handlers.js';

const adminStats: AdminStatsHandler = async (_args, ctx) => ({
  users: (await ctx.db.User.findMany()).length,
});

export default adminStats;
`,
};

const EXTRA_FUNCTIONS = ['whoAmI', 'anyCaller', 'adminStats'];

/**
 * A script in the project that uses the token utilities outside a request, as a user's script
 * or another service would: `verify <token>`, `header <Authorization value>` (the plain
 * middleware function), `issue <nodeId> <typeName>` and `revoke <nodeId> <typeName>`. It prints
 * one JSON value.
 */
export const TOKEN_SCRIPT = 'tokenScript.ts';

const TOKEN_SCRIPT_SOURCE = `import { authenticate } from './generated/auth/middleware.js';
import { openTokens } from './generated/auth/openTokens.js';
import type { ModelName } from './generated/db/index.js';

const [command, value = '', typeName = ''] = process.argv.slice(2);
const { tokens, close } = await openTokens();
try {
  const result =
    command === 'verify'
      ? await tokens.verifyToken(value)
      : command === 'header'
        ? await authenticate(value, tokens)
        : command === 'revoke'
          ? await tokens.revokeNodeTokens(value, typeName as ModelName).then(() => 'revoked')
          : await tokens.generateNodeToken(value, typeName as ModelName);
  console.log(JSON.stringify(result));
} catch (error) {
  console.log(JSON.stringify({ code: (error as { code?: string }).code ?? String(error) }));
} finally {
  await close();
}
`;

const DEVICE_MODEL = `
type Device @model {
  id: ID! @isUnique
  name: String
}
`;

/** A generated copy of the sample project with the functions above and these root token names. */
export async function authProject(
  label: string,
  rootTokens: string[] = ['admin'],
): Promise<TempProject> {
  const project = await copyProject(sampleProjectDir, label);
  const { dir } = project;
  for (const [file, content] of Object.entries({
    ...EXTRA_FILES,
    [TOKEN_SCRIPT]: TOKEN_SCRIPT_SOURCE,
  })) {
    await writeFile(path.join(dir, file), content);
  }
  await writeFile(
    path.join(dir, 'types.graphql'),
    (await readFile(path.join(dir, 'types.graphql'), 'utf8')) + DEVICE_MODEL,
  );
  await editConfig(dir, (config) => {
    for (const name of EXTRA_FUNCTIONS) {
      config.setIn(['functions', name], {
        type: 'resolver',
        schema: `src/${name}.graphql`,
        handler: { code: `src/${name}.ts` },
      });
    }
    config.set('rootTokens', rootTokens);
  });
  await generate(dir);
  return project;
}

/** Changes graphcool.yml of `dir` in place. */
export async function editConfig(
  dir: string,
  edit: (config: ReturnType<typeof parseDocument>) => void,
): Promise<void> {
  const file = path.join(dir, 'graphcool.yml');
  const config = parseDocument(await readFile(file, 'utf8'));
  edit(config);
  await writeFile(file, config.toString());
}

/** What a command printed and how it ended. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `generator root-token <args>` (the compiled bin) in `cwd` with `env` added. */
export async function rootTokenCommand(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CommandResult> {
  return runNode([path.join(repoRoot, 'bin', 'generator.js'), 'root-token', ...args], cwd, env);
}

/** Runs the token script of a project (see `TOKEN_SCRIPT`) and parses what it prints. */
export async function tokenScript(
  dir: string,
  args: string[],
  env: Record<string, string>,
): Promise<unknown> {
  const result = await runNode([binPath('tsx'), TOKEN_SCRIPT, ...args], dir, env, true);
  if (result.code !== 0) throw new Error(`${TOKEN_SCRIPT} failed: ${result.stderr}`);
  return JSON.parse(lastLine(result.stdout)) as unknown;
}

async function runNode(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  direct = false,
): Promise<CommandResult> {
  const [command, ...rest] = direct ? args : [process.execPath, ...args];
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.NODE_ENV;
  try {
    const { stdout, stderr } = await promisify(execFile)(command!, rest, { cwd, env: childEnv });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The last non-empty line of a command's output: where `root-token` prints the token. */
export function lastLine(output: string): string {
  return output.trimEnd().split('\n').at(-1) ?? '';
}

const SIGNUP = /* GraphQL */ `
  mutation ($email: String!, $password: String!) {
    signupUser(email: $email, password: $password) {
      id
      token
    }
  }
`;

/** The password of every user the auth tests sign up. */
export const PASSWORD = 'a password long enough';

let signups = 0;

/** Signs a new user up and returns its id, node token and email address. */
export async function signupUser(
  url: string,
): Promise<{ id: string; token: string; email: string }> {
  signups += 1;
  const email = `user${signups}-${process.pid}@example.com`;
  const response = await graphql<{ signupUser: { id: string; token: string } }>(url, SIGNUP, {
    variables: { email, password: PASSWORD },
  });
  const payload = response.body.data?.signupUser;
  if (!payload) throw new Error(`signupUser failed: ${JSON.stringify(response.body)}`);
  return { ...payload, email };
}

const AUTHENTICATE = /* GraphQL */ `
  mutation ($email: String!, $password: String!) {
    authenticateUser(email: $email, password: $password) {
      id
      token
    }
  }
`;

/** Logs a user in; the whole response, so that failures can be compared. */
export function authenticateUser(url: string, email: string, password = PASSWORD) {
  return graphql<{ authenticateUser: { id: string; token: string } | null }>(url, AUTHENTICATE, {
    variables: { email, password },
  });
}

/** The `kid` in a token's header. */
export function kidOf(token: string): string {
  return decodeProtectedHeader(token).kid ?? '';
}

/** Deletes a user row behind the server's back, as another process would. */
export function deleteUser(databaseFile: string, id: string): void {
  withDatabase(databaseFile, (db) => {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((table) => table.name);
    const table = tables.find((name) => /^users?$/i.test(name));
    if (table === undefined) throw new Error(`No User table among ${tables.join(', ')}`);
    db.prepare(`DELETE FROM "${table}" WHERE id = ?`).run(id);
  });
}

/** Revokes the tokens of a user issued before now behind the server's back, as a script would. */
export function revokeUserTokens(databaseFile: string, id: string): void {
  withDatabase(databaseFile, (db) => {
    db.prepare(
      'INSERT INTO "_TokenRevocation" ("typeName", "nodeId", "revokedBefore") VALUES (?, ?, ?) ' +
        'ON CONFLICT ("typeName", "nodeId") ' +
        'DO UPDATE SET "revokedBefore" = excluded."revokedBefore"',
    ).run('User', id, Date.now());
  });
}

/** Runs SQL on the SQLite database of a running server, as another process would. */
export function withDatabase<T>(file: string, use: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

export const WHO_AM_I = /* GraphQL */ `
  {
    whoAmI {
      kind
      name
      nodeId
      typeName
    }
  }
`;
