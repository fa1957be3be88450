import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The size of a synthetic project. */
export interface SyntheticSize {
  models: number;
  functions: number;
}

/**
 * Writes a Graphcool project of `size.models` @model types of 10 fields each and
 * `size.functions` resolver functions, each with its own extension file and no handler yet.
 * The same size always gives the same files.
 */
export function writeSyntheticProject(dir: string, size: SyntheticSize): void {
  mkdirSync(path.join(dir, 'src'), { recursive: true });

  const types: string[] = [];
  for (let i = 0; i < size.models; i++) {
    types.push(
      [
        `type Model${i} @model {`,
        '  id: ID! @isUnique',
        '  createdAt: DateTime!',
        '  updatedAt: DateTime!',
        `  code${i}: String! @isUnique`,
        '  title: String!',
        '  body: String',
        '  count: Int',
        '  score: Float',
        '  published: Boolean',
        '  details: Json',
        '}',
        '',
      ].join('\n'),
    );
  }
  writeFileSync(path.join(dir, 'types.graphql'), types.join('\n'));

  const config = ['types: ./types.graphql', '', 'functions:'];
  for (let i = 0; i < size.functions; i++) {
    config.push(
      `  function${i}:`,
      '    type: resolver',
      `    schema: src/function${i}.graphql`,
      '    handler:',
      `      code: src/function${i}.ts`,
    );
    writeFileSync(path.join(dir, 'src', `function${i}.graphql`), extensionFile(i, []));
  }
  config.push('', 'rootTokens:', '  - admin', '');
  writeFileSync(path.join(dir, 'graphcool.yml'), config.join('\n'));
}

/** The extension file of function `i`, with extra `String` arguments. */
export function extensionFile(i: number, extraArguments: string[]): string {
  const operation = i % 4 === 0 ? 'Query' : 'Mutation';
  const args = ['name: String!', 'amount: Int', ...extraArguments.map((arg) => `${arg}: String`)];
  return [
    `type Function${i}Payload {`,
    '  id: ID!',
    '  message: String',
    '  total: Int!',
    '}',
    '',
    `extend type ${operation} {`,
    `  field${i}(${args.join(', ')}): Function${i}Payload`,
    '}',
    '',
  ].join('\n');
}
