import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../support/generate.js';
import { errorCodes, graphql } from '../support/graphql.js';
import { binPath, fixturesDir } from '../support/paths.js';
import { spawnServer, startServer, stopAllServers } from '../support/startServer.js';
import { copyProject, type TempProject } from '../support/tempProject.js';

/**
 * Handlers of the golden project, implemented by the test: a TypeScript one that writes through
 * `ctx.db` (and fails unexpectedly on request), and a JavaScript one that reads `ctx.env`.
 */
const ADD_NOTE_TS = `import type { AddNoteHandler } from '../generated/handlers.js';

const addNote: AddNoteHandler = async (args, ctx) => {
  if (args.title === 'boom') {
    throw new Error('the disk under /srv/private is full');
  }
  const note = await ctx.db.Note.create({ title: args.title, body: args.body });
  return { id: note.id, title: note.title, done: note.done };
};

export default addNote;
`;

const GREETING_JS = `/** @type {import('../generated/handlers.js').GreetingHandler} */
const greeting = async (args, ctx) => ({
  message: \`\${ctx.env.GREETING}, \${args.name ?? 'stranger'}!\`,
});

export default greeting;
`;

const ADD_NOTE = /* GraphQL */ `
  mutation ($title: String!, $body: String) {
    addNote(title: $title, body: $body) {
      id
      title
      done
    }
  }
`;

let project: TempProject | undefined;
let dir: string;

beforeAll(async () => {
  project = await copyProject(path.join(fixturesDir, 'golden-input'), 'e2e-handlers');
  dir = project.dir;
  await writeFile(path.join(dir, 'src', 'addNote.ts'), ADD_NOTE_TS);
  await writeFile(path.join(dir, 'src', 'greeting.js'), GREETING_JS);
  await generate(dir);
});

afterEach(async () => {
  await stopAllServers();
});

afterAll(async () => {
  await stopAllServers();
  await project?.remove();
});

describe('handlers of a generated project', () => {
  test('existing handler files are left exactly as they are', async () => {
    expect(await readFile(path.join(dir, 'src', 'addNote.ts'), 'utf8')).toBe(ADD_NOTE_TS);
    expect(await readFile(path.join(dir, 'src', 'greeting.js'), 'utf8')).toBe(GREETING_JS);
  });

  test('the TypeScript and the JavaScript handler type-check against the generated types', async () => {
    const tsc = await promisify(execFile)(binPath('tsc'), ['--noEmit', '-p', dir]).then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout}${error.stderr}`,
    );

    expect(tsc).toBe('');
  });

  test('a handler writes and reads rows through ctx.db, with defaults applied', async () => {
    const server = await startServer(dir);

    const response = await graphql<{ addNote: { id: string; title: string; done: boolean } }>(
      server.url,
      ADD_NOTE,
      { variables: { title: 'Buy milk' } },
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.addNote).toEqual({
      id: expect.stringMatching(/^\w+$/),
      title: 'Buy milk',
      done: false,
    });
  });

  test('a JavaScript handler receives its environment as ctx.env', async () => {
    const server = await startServer(dir);

    const response = await graphql(server.url, '{ greeting(name: "Ada") { message } }');

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ greeting: { message: 'Hello, Ada!' } });
  });

  test('an unexpected error is masked for the client and logged on the server in one line', async () => {
    const server = await startServer(dir);

    const response = await graphql(server.url, ADD_NOTE, { variables: { title: 'boom' } });
    await server.waitForOutput(/the disk under \/srv\/private is full/);

    expect(response.body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(response.body)).not.toContain('/srv/private');
    const logged = server
      .output()
      .split('\n')
      .filter((line) => line.includes('/srv/private'));
    expect(logged).toHaveLength(1);
    expect(server.output()).not.toMatch(/^\s+at /m);
  });

  test('an ${env:NAME} environment value is read when the server starts', async () => {
    const config = path.join(dir, 'graphcool.yml');
    const original = await readFile(config, 'utf8');
    await writeFile(config, original.replace('GREETING: Hello', 'GREETING: ${env:GREETING_WORD}'));
    try {
      await generate(dir);
      const generatedFiles = await readFile(path.join(dir, 'generated', 'environment.ts'), 'utf8');
      const server = await startServer(dir, { GREETING_WORD: 'Howdy' });
      const response = await graphql(server.url, '{ greeting(name: "Ada") { message } }');
      await server.stop();
      const missing = spawnServer(dir, { GREETING_WORD: undefined });
      const exit = await missing.exited;

      expect(generatedFiles).not.toContain('Howdy');
      expect(response.body.data).toEqual({ greeting: { message: 'Howdy, Ada!' } });
      expect(exit.code).toBe(1);
      expect(missing.output()).toContain('GREETING_WORD');
    } finally {
      await writeFile(config, original);
    }
  });
});
