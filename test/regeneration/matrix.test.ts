import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../generator/report/diagnostic.js';
import { run } from '../../generator/run.js';
import { generate } from '../support/generate.js';
import { sampleProjectDir } from '../support/paths.js';
import {
  cloneProject,
  editByHand,
  filesWithErrors,
  readText,
  rewrite,
  summaryOf,
  typecheck,
  withFunction,
  withoutFunction,
} from '../support/regeneration.js';
import { copyProject, readTree, removeTempDir } from '../support/tempProject.js';

/**
 * The regeneration matrix: a copy of the sample project whose handlers were edited by hand is
 * generated once; each case clones it, changes the schema, regenerates and checks that the
 * user's code is byte for byte what it was, apart from what the generator owns (the handler's
 * type annotation and its import), that the project type-checks wherever the user's code is
 * still valid, and that the summary says what changed.
 */
const handlers = ['src/authenticate.ts', 'src/loggedInUser.ts', 'src/signup.ts'];
let baseline: string;
const edited = new Map<string, string>();
const folders: string[] = [];

beforeAll(async () => {
  const project = await copyProject(sampleProjectDir, 'matrix-baseline');
  folders.push(path.dirname(project.dir));
  baseline = project.dir;
  for (const file of handlers) await rewrite(baseline, file, editByHand);
  await generate(baseline);
  for (const file of handlers) edited.set(file, await readText(baseline, file));
});

afterAll(async () => {
  await Promise.all(folders.map((folder) => removeTempDir(folder)));
});

async function clone(label: string): Promise<string> {
  const dir = await cloneProject(baseline, `matrix-${label}`);
  folders.push(path.dirname(dir));
  return dir;
}

/** Every hand-edited handler, except those named, is exactly as the user left it. */
async function expectHandlersKept(dir: string, except: string[] = []): Promise<void> {
  for (const file of handlers.filter((item) => !except.includes(item))) {
    expect(await readText(dir, file), file).toBe(edited.get(file));
  }
}

describe('regenerating a project whose handlers were edited by hand', () => {
  test('the hand-edited baseline type-checks, and the first run kept every edit', async () => {
    expect(await typecheck(baseline)).toBe('');
    for (const file of handlers) {
      expect(edited.get(file)).toContain('const   requestId =   randomUUID() ;');
    }
  });

  test('(a) adding an argument updates the generated types, and no handler', async () => {
    const dir = await clone('a');
    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replace('password: String!)', 'password: String!, referrer: String)'),
    );

    const result = await generate(dir);

    expect(result.updated).toEqual(expect.arrayContaining(['generated/types.ts']));
    expect(result.repairs).toEqual([]);
    expect(await readText(dir, 'generated/types.ts')).toMatch(/referrer\?: InputMaybe/);
    await expectHandlersKept(dir);
    expect(summaryOf(result)).toMatch(/updated +generated\/types\.ts/);
    expect(await typecheck(dir)).toBe('');
  });

  test('(b) removing an argument leaves the handler that reads it to the type checker', async () => {
    const dir = await clone('b');
    await rewrite(dir, 'src/authenticate.graphql', (text) =>
      text.replace('(email: String!, password: String!)', '(email: String!)'),
    );

    const result = await generate(dir);

    expect(result.updated).toEqual(expect.arrayContaining(['generated/types.ts']));
    await expectHandlersKept(dir);
    expect(summaryOf(result)).toMatch(/updated +generated\/types\.ts/);
    // The user's code still reads args.password: only that file stops type-checking.
    const tsc = await typecheck(dir);
    expect(filesWithErrors(tsc)).toEqual(['src/authenticate.ts']);
    expect(tsc).toContain("'password'");
  });

  test('(c) renaming the payload type changes no handler', async () => {
    const dir = await clone('c');
    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replaceAll('SignupUserPayload', 'NewAccountPayload'),
    );

    const result = await generate(dir);

    expect(result.updated).toEqual(
      expect.arrayContaining(['generated/handlers.ts', 'generated/types.ts']),
    );
    expect(await readText(dir, 'generated/handlers.ts')).toContain('NewAccountPayload');
    await expectHandlersKept(dir);
    expect(summaryOf(result)).toMatch(/updated +generated\/handlers\.ts/);
    expect(await typecheck(dir)).toBe('');
  });

  test("(d) changing a payload field's nullability changes no handler", async () => {
    const dir = await clone('d');
    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replace('token: String!', 'token: String'),
    );

    const result = await generate(dir);

    expect(result.updated).toEqual(expect.arrayContaining(['generated/types.ts']));
    expect(await readText(dir, 'generated/types.ts')).toMatch(/token\?: Maybe/);
    await expectHandlersKept(dir);
    expect(await typecheck(dir)).toBe('');
  });

  test('(e) a new extension file and function get typed skeletons, TypeScript and JavaScript', async () => {
    const dir = await clone('e');
    await writeFile(
      path.join(dir, 'src/greet.graphql'),
      'type GreetPayload {\n  message: String!\n}\n\nextend type Query {\n  greet(name: String): GreetPayload!\n}\n',
    );
    await writeFile(
      path.join(dir, 'src/farewell.graphql'),
      'type FarewellPayload {\n  message: String\n}\n\nextend type Query {\n  farewell: FarewellPayload\n}\n',
    );
    await rewrite(dir, 'graphcool.yml', (text) =>
      withFunction(
        withFunction(text, 'greet', 'src/greet.graphql', 'src/greet.ts'),
        'farewell',
        'src/farewell.graphql',
        'src/farewell.js',
      ),
    );

    const result = await generate(dir);

    expect(result.created).toEqual(expect.arrayContaining(['src/farewell.js', 'src/greet.ts']));
    expect(await readText(dir, 'src/greet.ts')).toContain('const greet: GreetHandler');
    expect(await readText(dir, 'src/farewell.js')).toContain(
      "@type {import('../generated/handlers.js').FarewellHandler}",
    );
    await expectHandlersKept(dir);
    expect(summaryOf(result)).toMatch(/created +src\/greet\.ts/);
    expect(await typecheck(dir)).toBe('');
  });

  test('(f) a function removed from graphcool.yml leaves its handler, listed as orphaned', async () => {
    const dir = await clone('f');
    await rewrite(dir, 'graphcool.yml', (text) => withoutFunction(text, 'loggedInUser'));

    const result = await generate(dir);

    expect(result.orphans).toEqual([
      {
        file: 'src/loggedInUser.ts',
        reason: 'function "loggedInUser" (Query.loggedInUser) is no longer in graphcool.yml',
        prunable: false,
      },
    ]);
    expect(result.deleted).toEqual([]);
    await expectHandlersKept(dir);
    expect(await readText(dir, 'generated/resolvers.ts')).not.toContain('loggedInUser');
    expect(summaryOf(result)).toContain(
      'orphaned src/loggedInUser.ts: function "loggedInUser" (Query.loggedInUser) is no longer in graphcool.yml.',
    );
    expect(summaryOf(result)).toMatch(/, 1 orphaned, /);
    // The orphan imports a handler type that no longer exists; nothing else fails.
    expect(filesWithErrors(await typecheck(dir))).toEqual(['src/loggedInUser.ts']);

    const again = await generate(dir);
    expect(again.skipped).toBe(true);
    expect(again.orphans.map((orphan) => orphan.file)).toEqual(['src/loggedInUser.ts']);
  });

  test('(g) renaming a field repairs the annotation and the import, and nothing else', async () => {
    const dir = await clone('g');
    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replace('signupUser(', 'registerUser('),
    );

    const result = await generate(dir);

    expect(await readText(dir, 'src/signup.ts')).toBe(
      edited.get('src/signup.ts')!.replaceAll('SignupUserHandler', 'RegisterUserHandler'),
    );
    await expectHandlersKept(dir, ['src/signup.ts']);
    expect(result.repairs).toEqual([
      { file: 'src/signup.ts', changes: ['type SignupUserHandler → RegisterUserHandler'] },
    ]);
    expect(result.updated).toContain('src/signup.ts');
    expect(result.orphans).toEqual([]);
    const summary = summaryOf(result);
    expect(summary).toContain(
      'repaired src/signup.ts (type SignupUserHandler → RegisterUserHandler)',
    );
    expect(summary).toContain(
      'src/signup.ts now resolves "Mutation.registerUser" (it resolved "Mutation.signupUser").',
    );
    expect(await typecheck(dir)).toBe('');

    const before = await readTree(dir);
    const second = await generate(dir);
    expect([second.skipped, second.created, second.updated]).toEqual([true, [], []]);
    const full = await generate(dir, { skipWhenUnchanged: false });
    expect([full.skipped, full.created, full.updated, full.deleted]).toEqual([false, [], [], []]);
    expect(await readTree(dir)).toEqual(before);
  });

  test('(h) a handler moved to another folder gets its import path repaired', async () => {
    const dir = await clone('h');
    await mkdir(path.join(dir, 'src/users'));
    await rename(
      path.join(dir, 'src/loggedInUser.ts'),
      path.join(dir, 'src/users/loggedInUser.ts'),
    );
    await rewrite(dir, 'graphcool.yml', (text) =>
      text.replace('code: src/loggedInUser.ts', 'code: src/users/loggedInUser.ts'),
    );

    const result = await generate(dir);

    expect(await readText(dir, 'src/users/loggedInUser.ts')).toBe(
      edited
        .get('src/loggedInUser.ts')!
        .replace("'../generated/handlers.js'", "'../../generated/handlers.js'"),
    );
    expect(result.repairs).toEqual([
      {
        file: 'src/users/loggedInUser.ts',
        changes: ["import path '../generated/handlers.js' → '../../generated/handlers.js'"],
      },
    ]);
    expect(result.orphans).toEqual([]);
    expect(await readText(dir, 'generated/resolvers.ts')).toContain('../src/users/loggedInUser.js');
    await expectHandlersKept(dir, ['src/loggedInUser.ts']);
    expect(summaryOf(result)).toContain(
      "repaired src/users/loggedInUser.ts (import path '../generated/handlers.js' → '../../generated/handlers.js')",
    );
    expect(await typecheck(dir)).toBe('');
  });

  test('(h) a handler path changed in graphcool.yml alone gets a skeleton; the old file is orphaned', async () => {
    const dir = await clone('h-path');
    await rewrite(dir, 'graphcool.yml', (text) =>
      text.replace('code: src/loggedInUser.ts', 'code: src/users/loggedInUser.ts'),
    );

    const result = await generate(dir);

    expect(result.created).toContain('src/users/loggedInUser.ts');
    expect(result.orphans).toEqual([
      {
        file: 'src/loggedInUser.ts',
        reason: 'function "loggedInUser" now has its handler in "src/users/loggedInUser.ts"',
        prunable: false,
      },
    ]);
    await expectHandlersKept(dir);
    expect(await typecheck(dir)).toBe('');
  });

  test('(i) a handler file with a syntax error stops the run, located, and nothing is written', async () => {
    const dir = await clone('i');
    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replace('password: String!)', 'password: String!, referrer: String)'),
    );
    await rewrite(dir, 'src/signup.ts', (text) =>
      text.replace('normaliseEmail(args.email);', 'normaliseEmail(args.email;'),
    );
    const before = await readTree(dir);
    const broken = (await readText(dir, 'src/signup.ts')).split('\n');
    const line = broken.findIndex((item) => item.includes('normaliseEmail(args.email;')) + 1;

    const result = await run({ projectDir: dir, env: {} });

    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^src/signup\\.ts:${line}:\\d+ error HANDLER_SYNTAX .+ fix the syntax and run again\\.$`,
        ),
      ),
    ]);
    expect(summaryOf(result)).toContain('1 error; nothing was written.');
    expect(await readTree(dir)).toEqual(before);
  });

  test('(j) CRLF line endings of a handler are kept, in the repaired lines too', async () => {
    const dir = await clone('j');
    const crlf = edited.get('src/signup.ts')!.replace(/\n/g, '\r\n');
    const authenticate = edited.get('src/authenticate.ts')!.replace(/\n/g, '\r\n');
    await writeFile(path.join(dir, 'src/signup.ts'), crlf);
    await writeFile(path.join(dir, 'src/authenticate.ts'), authenticate);
    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replace('signupUser(', 'registerUser('),
    );

    const result = await generate(dir);

    expect(await readText(dir, 'src/signup.ts')).toBe(
      crlf.replaceAll('SignupUserHandler', 'RegisterUserHandler'),
    );
    expect(await readText(dir, 'src/authenticate.ts')).toBe(authenticate);
    expect(result.repairs.map((repair) => repair.file)).toEqual(['src/signup.ts']);
    expect(await typecheck(dir)).toBe('');
  });

  test('a deleted handler file is created again from its skeleton', async () => {
    const dir = await clone('deleted-handler');
    await rm(path.join(dir, 'src/loggedInUser.ts'));

    const result = await generate(dir);

    expect(result.created).toEqual(['src/loggedInUser.ts']);
    expect(await readText(dir, 'src/loggedInUser.ts')).toContain(
      "throw new Error('Query.loggedInUser is not implemented",
    );
  });
});
