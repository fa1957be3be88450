import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from './tempProject.js';

/** A valid one-function project that each rule test changes in one place. */
export const baseProject: Record<string, string> = {
  'graphcool.yml': [
    'types: ./types.graphql',
    'functions:',
    '  signup:',
    '    type: resolver',
    '    schema: src/signup.graphql',
    '    handler:',
    '      code: src/signup.ts',
    '',
  ].join('\n'),
  'types.graphql': [
    'type User @model {',
    '  id: ID! @isUnique',
    '  email: String! @isUnique',
    '  password: String!',
    '}',
    '',
  ].join('\n'),
  'src/signup.graphql': [
    'type SignupUserPayload {',
    '  id: ID!',
    '}',
    '',
    'extend type Mutation {',
    '  signupUser(email: String!, password: String!): SignupUserPayload',
    '}',
    '',
  ].join('\n'),
};

/** Writes `files` (the base project with these replacements; `null` deletes) to a new folder. */
export async function writeProject(
  label: string,
  files: Record<string, string | null>,
  base: Record<string, string> = baseProject,
): Promise<string> {
  const dir = await makeTempDir(label);
  for (const [file, content] of Object.entries({ ...base, ...files })) {
    if (content === null) continue;
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}
