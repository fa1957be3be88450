import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunResult } from '../../generator/run.js';
import { generate } from '../support/generate.js';
import { binPath, fixturesDir } from '../support/paths.js';
import { copyProject, readTree, type TempProject } from '../support/tempProject.js';

/**
 * The golden test: the small project in `test/fixtures/golden-input/` must generate exactly the
 * files in `test/fixtures/golden-output/`. After an intended change to the output, rewrite them
 * with `UPDATE_GOLDEN=1 npx vitest run test/generation/golden.test.ts` and review the diff.
 */
const inputDir = path.join(fixturesDir, 'golden-input');
const outputDir = path.join(fixturesDir, 'golden-output');
const updating = process.env.UPDATE_GOLDEN === '1';

const projects: TempProject[] = [];
let first: RunResult;
let produced: Map<string, string>;

beforeAll(async () => {
  const project = await copyProject(inputDir, 'golden');
  projects.push(project);
  // A path relative to the working directory, as a user would type it.
  first = await generate(path.relative(process.cwd(), project.dir));
  produced = await producedFiles(project.dir, first);

  if (updating) {
    await rm(outputDir, { recursive: true, force: true });
    for (const [file, content] of produced) {
      await mkdir(path.dirname(path.join(outputDir, file)), { recursive: true });
      await writeFile(path.join(outputDir, file), content);
    }
  }
});

afterAll(async () => {
  await Promise.all(projects.map((project) => project.remove()));
});

/** Every file the run created or updated, with its content. */
async function producedFiles(dir: string, result: RunResult): Promise<Map<string, string>> {
  const tree = await readTree(dir);
  const files = [...result.created, ...result.updated].sort();
  return new Map(files.map((file) => [file, tree.get(file) ?? `<missing: ${file}>`]));
}

describe('generating the golden project', () => {
  test('creates exactly the files of golden-output and updates none', async () => {
    const expected = await readTree(outputDir);

    expect(first.updated).toEqual([]);
    expect([...produced.keys()]).toEqual([...expected.keys()]);
  });

  test('writes every file byte for byte as in golden-output', async () => {
    const expected = await readTree(outputDir);

    for (const [file, content] of produced) {
      expect(content, file).toBe(expected.get(file));
    }
  });

  test('creates a typed skeleton for the TypeScript and the JavaScript handler', () => {
    expect(first.created).toEqual(expect.arrayContaining(['src/addNote.ts', 'src/greeting.js']));
  });

  test('the generated project, skeletons included, type-checks under strict', async () => {
    const tsc = await promisify(execFile)(binPath('tsc'), [
      '--noEmit',
      '-p',
      projects[0]!.dir,
    ]).then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout}${error.stderr}`,
    );

    expect(tsc).toBe('');
  });

  test('a second run creates and updates nothing', async () => {
    const project = projects[0]!;
    const before = await readTree(project.dir);

    const second = await generate(project.dir);

    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged).toEqual(
      expect.arrayContaining([...produced.keys()].filter((file) => file.startsWith('generated/'))),
    );
    expect(await readTree(project.dir)).toEqual(before);
  });

  test('the output is the same byte for byte whichever folder the run starts from', async () => {
    const fromProject = await copyProject(inputDir, 'golden-cwd-project');
    const fromElsewhere = await copyProject(inputDir, 'golden-cwd-elsewhere');
    projects.push(fromProject, fromElsewhere);
    const cwd = process.cwd();
    try {
      process.chdir(fromProject.dir);
      await generate('.');
      process.chdir(os.tmpdir());
      await generate(fromElsewhere.dir);
    } finally {
      process.chdir(cwd);
    }

    const original = await readTree(projects[0]!.dir);
    expect(await readTree(fromProject.dir)).toEqual(original);
    expect(await readTree(fromElsewhere.dir)).toEqual(original);
  });
});
