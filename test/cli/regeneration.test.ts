import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { format } from 'prettier';
import { afterAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { readText, rewrite, withFunction, withoutFunction } from '../support/regeneration.js';
import { readTree, removeTempDir } from '../support/tempProject.js';
import { baseProject, writeProject } from '../support/writeProject.js';

const bin = path.join(repoRoot, 'bin', 'generator.js');
const recorder = path.join(repoRoot, 'test', 'support', 'recordImports.mjs');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(dir)));
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled bin (`npm test` builds it first); `env` adds to the environment. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Runs the bin with every module it imports recorded into `record`. */
async function recorded(args: string[], record: string): Promise<CliResult & { imports: string }> {
  const result = await cli(args, {
    RECORD_IMPORTS: record,
    NODE_OPTIONS: `--import=${pathToFileURL(recorder).href}`,
  });
  return { ...result, imports: await readFile(record, 'utf8') };
}

/** A generated one-function project (the handler is src/signup.ts). */
async function generatedProject(
  label: string,
  files: Record<string, string> = {},
): Promise<string> {
  const dir = await writeProject(label, files);
  dirs.push(dir);
  const first = await cli(['run', dir]);
  expect(first.code, first.stderr).toBe(0);
  return dir;
}

const addReferrer = (text: string) =>
  text.replace('password: String!)', 'password: String!, referrer: String)');

describe('a run that changes nothing', () => {
  test('is told by the manifest, and loads neither ts-morph, prettier, handlebars nor codegen', async () => {
    const dir = await generatedProject('noop');
    const heavy =
      /\/node_modules\/(ts-morph|prettier|handlebars|@graphql-codegen|yaml|zod|graphql)\//;

    // The recorder works: a run that has something to do loads them.
    await rewrite(dir, 'src/signup.graphql', addReferrer);
    const full = await recorded(['run', dir], path.join(dir, 'full-imports.txt'));
    expect(full.code, full.stderr).toBe(0);
    expect(full.imports).toMatch(heavy);

    const noop = await recorded(['run', dir, '--verbose'], path.join(dir, 'noop-imports.txt'));
    expect(noop.code, noop.stderr).toBe(0);
    expect(noop.stdout).toContain('Nothing changed since the last run');
    expect(noop.stdout).toMatch(/0 files created, 0 updated, \d+ unchanged, 0 warnings\./);
    expect(noop.imports).toContain('/commander/');
    expect(noop.imports).not.toMatch(heavy);
  });
});

describe('a run after only a handler changed', () => {
  test('keeps generated/types.ts without loading GraphQL Code Generator', async () => {
    const dir = await generatedProject('handler-only');
    const types = await readText(dir, 'generated/types.ts');
    await rewrite(dir, 'src/signup.ts', (text) => `${text}// edited by hand\n`);

    const result = await recorded(['run', dir], path.join(dir, 'handler-imports.txt'));

    expect(result.code, result.stderr).toBe(0);
    expect(result.imports).not.toMatch(/\/node_modules\/@graphql-codegen\//);
    expect(await readText(dir, 'generated/types.ts')).toBe(types);
  });

  test('still renders generated/types.ts again when it was deleted too', async () => {
    const dir = await generatedProject('handler-and-types');
    const types = await readText(dir, 'generated/types.ts');
    await rewrite(dir, 'src/signup.ts', (text) => `${text}// edited by hand\n`);
    await rm(path.join(dir, 'generated/types.ts'));

    const result = await cli(['run', dir]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/created +generated\/types\.ts/);
    expect(await readText(dir, 'generated/types.ts')).toBe(types);
  });
});

describe('the manifest', () => {
  test('is written as prettier prints it, names of wide characters included', async () => {
    const name = '名'.repeat(36);
    const dir = await writeProject('manifest-wide', {
      'graphcool.yml':
        `${baseProject['graphcool.yml']}rootTokens:\n` + `  - \${opt:${name}}\n  - \${env:HOME}\n`,
    });
    dirs.push(dir);

    const result = await cli(['run', dir, '--opt', `${name}=admin`]);

    expect(result.code, result.stderr).toBe(0);
    const manifest = await readText(dir, 'generated/manifest.json');
    expect(manifest).toContain(name);
    expect(await format(manifest, { parser: 'json', printWidth: 100 })).toBe(manifest);
  });
});

describe('--check', () => {
  test('passes after a run, and fails naming each stale file after a schema change', async () => {
    const dir = await generatedProject('check');
    expect((await cli(['run', dir, '--check'])).code).toBe(0);

    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replace('signupUser(', 'registerUser('),
    );
    const before = await readTree(dir);
    const stale = await cli(['run', dir, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('would update generated/types.ts');
    expect(stale.stderr).toContain(
      'would repair src/signup.ts (type SignupUserHandler → RegisterUserHandler)',
    );
    expect(await readTree(dir)).toEqual(before);

    expect((await cli(['run', dir])).code).toBe(0);
    expect((await cli(['run', dir, '--check'])).code).toBe(0);
  });

  test('notices a hand-edited or deleted generated file and package.json additions, never a handler body', async () => {
    const dir = await generatedProject('check-edits');
    await rewrite(dir, 'src/signup.ts', (text) =>
      text.replace('async (_args, _ctx) => {', 'async (_args, _ctx) => {\n  // mine\n'),
    );
    const handlerEdited = await cli(['run', dir, '--check']);
    expect(handlerEdited.code, handlerEdited.stderr).toBe(0);

    await rewrite(dir, 'generated/handlers.ts', (text) => `${text}// edited by hand\n`);
    await rm(path.join(dir, 'generated/server.ts'));
    await rewrite(dir, 'package.json', (text) => {
      const manifest = JSON.parse(text) as { dependencies: Record<string, string> };
      delete manifest.dependencies[Object.keys(manifest.dependencies)[0]!];
      return `${JSON.stringify(manifest, null, 2)}\n`;
    });
    const check = await cli(['run', dir, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('3 files out of date:');
    expect(check.stderr).toContain('would create generated/server.ts');
    expect(check.stderr).toContain('would update generated/handlers.ts');
    expect(check.stderr).toContain('would update package.json');

    const fixed = await cli(['run', dir]);
    expect(fixed.stdout).toMatch(/created +generated\/server\.ts/);
    expect(fixed.stdout).toMatch(/updated +generated\/handlers\.ts/);
    expect(await readText(dir, 'src/signup.ts')).toContain('// mine');
  });
});

describe('a handler file that does not parse', () => {
  test('stops the run with its located error, exit 1, and nothing written', async () => {
    const dir = await generatedProject('syntax');
    await rewrite(dir, 'src/signup.graphql', addReferrer);
    await rewrite(dir, 'src/signup.ts', (text) =>
      text.replace('async (_args, _ctx) => {', 'async (_args, _ctx) => {{'),
    );
    const before = await readTree(dir);

    const result = await cli(['run', dir]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^src\/signup\.ts:\d+:\d+ error HANDLER_SYNTAX /m);
    expect(result.stderr).toContain('1 error; nothing was written.');
    expect(await readTree(dir)).toEqual(before);
  });
});

describe('--dry-run', () => {
  test('prints the unified diff of what a run would change and writes nothing', async () => {
    const dir = await generatedProject('dry-run');
    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replace('signupUser(', 'registerUser('),
    );
    const before = await readTree(dir);

    const result = await cli(['run', dir, '--dry-run']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('--- a/src/signup.ts\n+++ b/src/signup.ts\n');
    expect(result.stdout).toContain('-const signupUser: SignupUserHandler = async');
    expect(result.stdout).toContain('+const signupUser: RegisterUserHandler = async');
    expect(result.stdout).toContain('--- a/generated/types.ts\n+++ b/generated/types.ts\n');
    expect(result.stdout).toMatch(/Dry run, nothing was written: 0 files created, \d+ updated/);
    expect(await readTree(dir)).toEqual(before);
  });
});

describe('--prune', () => {
  test('deletes only orphans still byte for byte the skeleton the generator wrote', async () => {
    // src/signup.ts is the user's from the start: the generator never wrote it.
    const dir = await generatedProject('prune', {
      'src/signup.ts':
        "import type { SignupUserHandler } from '../generated/handlers.js';\n\n" +
        'const signupUser: SignupUserHandler = async (args) => ({ id: args.email });\n\n' +
        'export default signupUser;\n',
    });
    for (const name of ['greet', 'farewell']) {
      await writeFile(
        path.join(dir, `src/${name}.graphql`),
        `type ${name}Payload {\n  message: String\n}\n\nextend type Query {\n  ${name}: ${name}Payload\n}\n`,
      );
      await rewrite(dir, 'graphcool.yml', (text) =>
        withFunction(text, name, `src/${name}.graphql`, `src/${name}.ts`),
      );
    }
    expect((await cli(['run', dir])).code).toBe(0);
    await rewrite(dir, 'src/farewell.ts', (text) => `${text}// kept: edited by hand\n`);
    await rewrite(dir, 'graphcool.yml', (text) =>
      withoutFunction(withoutFunction(withoutFunction(text, 'greet'), 'farewell'), 'signup'),
    );
    await writeFile(
      path.join(dir, 'src/hello.graphql'),
      'type HelloPayload {\n  message: String\n}\n\nextend type Query {\n  hello: HelloPayload\n}\n',
    );
    await rewrite(dir, 'graphcool.yml', (text) =>
      withFunction(text, 'hello', 'src/hello.graphql', 'src/hello.ts'),
    );

    const listed = await cli(['run', dir]);
    expect(listed.stdout).toContain(
      'orphaned src/greet.ts: function "greet" (Query.greet) is no longer in graphcool.yml. It is still the skeleton the generator wrote: delete it, or run with --prune.',
    );
    expect(listed.stdout).toContain('orphaned src/farewell.ts');
    expect(listed.stdout).toContain('3 orphaned');

    const pruned = await cli(['run', dir, '--prune']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/deleted +src\/greet\.ts/);
    const files = [...(await readTree(dir)).keys()];
    expect(files).not.toContain('src/greet.ts');
    // Edited by hand after the generator wrote it, or written by someone else: kept.
    expect(files).toEqual(expect.arrayContaining(['src/farewell.ts', 'src/signup.ts']));
    expect(pruned.stdout).toContain('2 orphaned');
  });
});
