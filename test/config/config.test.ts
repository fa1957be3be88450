import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../generator/run.js';
import { removeTempDir } from '../support/tempProject.js';
import { writeProject } from '../support/writeProject.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(dir)));
});

async function diagnose(
  config: string | null,
  options: { env?: NodeJS.ProcessEnv; variables?: Record<string, string> } = {},
): Promise<string[]> {
  const dir = await writeProject('config', { 'graphcool.yml': config });
  dirs.push(dir);
  const result = await run({
    projectDir: dir,
    check: true,
    env: options.env ?? {},
    variables: options.variables,
  });
  return result.diagnostics.map((item) => `${item.file}:${item.line}:${item.column} ${item.code}`);
}

const functions = [
  'functions:',
  '  signup:',
  '    type: resolver',
  '    schema: src/signup.graphql',
  '    handler:',
  '      code: src/signup.ts',
].join('\n');

describe('graphcool.yml', () => {
  it('reports a project folder without graphcool.yml and says what to do', async () => {
    const dir = await writeProject('config', { 'graphcool.yml': null });
    dirs.push(dir);
    const result = await run({ projectDir: dir, check: true });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe('MISSING_CONFIG');
    expect(result.diagnostics[0]?.message).toContain('npx generator run <projectDir>');
  });

  it('reports YAML syntax errors at their position', async () => {
    expect(await diagnose('types: ./types.graphql\nfunctions:\n  signup: [unclosed\n')).toEqual([
      'graphcool.yml:4:1 YAML_SYNTAX',
    ]);
  });

  it('reports a missing types key and an unknown key where they stand', async () => {
    expect(await diagnose('typez: ./types.graphql\n')).toEqual([
      'graphcool.yml:1:1 INVALID_CONFIG',
      'graphcool.yml:1:1 UNKNOWN_CONFIG_KEY',
    ]);
  });

  it('reports a handler of the wrong shape at its value', async () => {
    const config =
      'types: ./types.graphql\nfunctions:\n  signup:\n    type: resolver\n    handler: 42\n';
    expect(await diagnose(config)).toEqual(['graphcool.yml:5:14 INVALID_CONFIG']);
  });

  it('accepts handler.code as a string, as { src }, and handler as a bare path', async () => {
    for (const handler of [
      '    handler:\n      code: src/signup.ts',
      '    handler:\n      code:\n        src: src/signup.ts',
      '    handler: src/signup.ts',
    ]) {
      const config = `types: ./types.graphql\nfunctions:\n  signup:\n    type: resolver\n    schema: src/signup.graphql\n${handler}\n`;
      const dir = await writeProject('config', { 'graphcool.yml': config });
      dirs.push(dir);
      const result = await run({ projectDir: dir, check: true, env: {} });
      expect(result.diagnostics).toEqual([]);
      expect(result.created).toContain('src/signup.ts');
    }
  });

  it('accepts types as a list of files', async () => {
    const dir = await writeProject('config', {
      'graphcool.yml': `types:\n  - ./types.graphql\n  - ./more.graphql\n${functions}\n`,
      'more.graphql': 'type Post @model {\n  id: ID! @isUnique\n}\n',
    });
    dirs.push(dir);
    const result = await run({ projectDir: dir, check: true, env: {} });
    expect(result.ok).toBe(true);
    expect(result.created).toContain('generated/db/schema.ts');
  });

  it('resolves ${env:X}, ${opt:x} and ${self:path} in paths', async () => {
    const config = [
      'types: ./${self:custom.typesFile}',
      'custom:',
      '  typesFile: types.graphql',
      'functions:',
      '  signup:',
      '    type: resolver',
      '    schema: ${opt:dir}/signup.graphql',
      '    handler:',
      '      code: ${env:HANDLER_DIR}/signup.ts',
      '',
    ].join('\n');
    const dir = await writeProject('config', { 'graphcool.yml': config });
    dirs.push(dir);
    const result = await run({
      projectDir: dir,
      check: true,
      env: { HANDLER_DIR: 'src' },
      variables: { dir: 'src' },
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.created).toContain('src/signup.ts');
  });

  it('reports variables that cannot be resolved at the value that uses them', async () => {
    const config = [
      'types: ./${self:custom.nothing}',
      'functions:',
      '  signup:',
      '    type: resolver',
      '    schema: ${opt:dir}/signup.graphql',
      '    handler:',
      '      code: ${env:HANDLER_DIR}/signup.ts',
      '',
    ].join('\n');
    expect(await diagnose(config)).toEqual([
      'graphcool.yml:1:8 UNKNOWN_SELF_REFERENCE',
      'graphcool.yml:5:13 MISSING_OPTION_VARIABLE',
      'graphcool.yml:7:13 MISSING_ENV_VARIABLE',
    ]);
  });

  it('leaves ${env:X} in a function environment for the server to resolve', async () => {
    const config = `types: ./types.graphql\n${functions.replace('code: src/signup.ts', 'code:\n        src: src/signup.ts\n        environment:\n          KEY: ${env:NOT_SET_HERE}')}\n`;
    expect(await diagnose(config)).toEqual([]);
  });

  it('warns about functions, webhooks and permissions it does not run, naming each', async () => {
    const config = [
      'types: ./types.graphql',
      'functions:',
      '  audit:',
      '    type: operationAfter',
      '    operation: User.create',
      '    handler:',
      '      code: src/audit.ts',
      '  remote:',
      '    type: resolver',
      '    schema: src/signup.graphql',
      '    handler:',
      '      webhook: https://example.com/hook',
      'permissions:',
      '  - operation: User.read',
      '',
    ].join('\n');
    const dir = await writeProject('config', { 'graphcool.yml': config });
    dirs.push(dir);
    const result = await run({ projectDir: dir, check: true, env: {} });
    expect(result.ok).toBe(true);
    expect(
      result.diagnostics.map((item) => `${item.line}:${item.column} ${item.severity} ${item.code}`),
    ).toEqual([
      '4:11 warning UNSUPPORTED_FUNCTION_TYPE',
      '12:16 warning UNSUPPORTED_WEBHOOK',
      '14:3 warning UNSUPPORTED_PERMISSIONS',
    ]);
    expect(result.diagnostics[0]?.message).toContain('"audit"');
    expect(result.diagnostics[1]?.message).toContain('"remote"');
  });
});
