import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { rewrite, withFunction } from '../support/regeneration.js';
import { removeTempDir } from '../support/tempProject.js';
import { writeProject } from '../support/writeProject.js';

const bin = path.join(repoRoot, 'bin', 'generator.js');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(dir)));
});

test('--watch regenerates on each change, follows new functions, survives errors, stops on SIGINT', async () => {
  const dir = await writeProject('watch', {});
  dirs.push(dir);
  const child = spawn(process.execPath, [bin, 'run', dir, '--watch'], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  /** Waits until the output written after `from` matches, for 30 seconds at most. */
  const waitFor = async (pattern: RegExp, from: number): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!pattern.test(output.slice(from))) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`No ${pattern} in the output after ${from}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  try {
    await waitFor(/Watching \d+ files for changes/, 0);
    expect(output).toMatch(/\d+ files created, 0 updated/);

    let mark = output.length;
    await rewrite(dir, 'src/signup.graphql', (text) =>
      text.replace('password: String!)', 'password: String!, referrer: String)'),
    );
    await waitFor(/updated +generated\/types\.ts[\s\S]*0 files created, \d+ updated/, mark);

    mark = output.length;
    await writeFile(
      path.join(dir, 'src/greet.graphql'),
      'type GreetPayload {\n  message: String\n}\n\nextend type Query {\n  greet: GreetPayload\n}\n',
    );
    await rewrite(dir, 'graphcool.yml', (text) =>
      withFunction(text, 'greet', 'src/greet.graphql', 'src/greet.ts'),
    );
    await waitFor(/created +src\/greet\.ts/, mark);

    // The new extension file is watched from the run that first read it.
    mark = output.length;
    await rewrite(dir, 'src/greet.graphql', (text) =>
      text.replace('  greet:', '  greet(name: String):'),
    );
    await waitFor(/updated +generated\/types\.ts/, mark);

    mark = output.length;
    await rewrite(dir, 'src/greet.graphql', (text) => `${text}type {\n`);
    await waitFor(
      /src\/greet\.graphql:\d+:\d+ error GRAPHQL_SYNTAX[\s\S]*nothing was written/,
      mark,
    );

    mark = output.length;
    await rewrite(dir, 'src/greet.graphql', (text) => text.replace('type {\n', ''));
    await waitFor(/0 files created, 0 updated, \d+ unchanged/, mark);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped watching.');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
