import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../generator/run.js';
import { removeTempDir } from '../support/tempProject.js';
import { writeProject } from '../support/writeProject.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(dir)));
});

async function diagnose(files: Record<string, string | null>): Promise<string[]> {
  const dir = await writeProject('load', files);
  dirs.push(dir);
  const result = await run({ projectDir: dir, check: true, env: {} });
  return result.diagnostics.map((item) => `${item.file}:${item.line}:${item.column} ${item.code}`);
}

describe('loading the types and extension files', () => {
  it('reports a missing types file where graphcool.yml names it', async () => {
    expect(await diagnose({ 'types.graphql': null })).toEqual(['graphcool.yml:1:8 MISSING_FILE']);
  });

  it('reports a missing schema file where graphcool.yml names it', async () => {
    expect(await diagnose({ 'src/signup.graphql': null })).toEqual([
      'graphcool.yml:5:13 MISSING_FILE',
    ]);
  });

  it('reports a GraphQL syntax error at its position in the file', async () => {
    expect(await diagnose({ 'src/signup.graphql': 'type P {\n  id ID\n}\n' })).toEqual([
      'src/signup.graphql:2:6 GRAPHQL_SYNTAX',
    ]);
  });

  it('reads an empty types file as a project without models', async () => {
    const dir = await writeProject('load', { 'types.graphql': '# nothing yet\n' });
    dirs.push(dir);
    const result = await run({ projectDir: dir, check: true, env: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports a resolver without a schema and a handler that is neither .ts nor .js', async () => {
    const config = [
      'types: ./types.graphql',
      'functions:',
      '  signup:',
      '    type: resolver',
      '    handler:',
      '      code: src/signup.ts',
      '  other:',
      '    type: resolver',
      '    schema: src/signup.graphql',
      '    handler:',
      '      code: src/other.py',
      '',
    ].join('\n');
    expect(await diagnose({ 'graphcool.yml': config })).toEqual([
      'graphcool.yml:3:3 MISSING_SCHEMA',
      'graphcool.yml:11:13 UNSUPPORTED_HANDLER_EXTENSION',
    ]);
  });

  it('reports a handler outside the project folder', async () => {
    const config =
      'types: ./types.graphql\nfunctions:\n  signup:\n    type: resolver\n    schema: src/signup.graphql\n    handler: ../elsewhere/signup.ts\n';
    expect(await diagnose({ 'graphcool.yml': config })).toEqual([
      'graphcool.yml:6:14 HANDLER_OUTSIDE_PROJECT',
    ]);
  });
});
