import { readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunResult } from '../../generator/run.js';
import { generate } from '../support/generate.js';
import { fixturesDir, sampleProjectDir } from '../support/paths.js';
import { copyProject, listFiles, type TempProject } from '../support/tempProject.js';

/**
 * A generated project runs on its own: every package its generated code and its handler
 * skeletons import must be declared in its own package.json, and none may be the generator.
 */
interface Case {
  label: string;
  project?: TempProject;
  result?: RunResult;
}

const cases: Case[] = [
  // No package.json at all: the run creates one.
  { label: 'golden-input' },
  // A package.json that declares nothing, and no handlers: the run adds what is missing.
  { label: 'sample-project' },
];

beforeAll(async () => {
  const golden = await copyProject(path.join(fixturesDir, 'golden-input'), 'deps-golden');
  cases[0]!.project = golden;
  cases[0]!.result = await generate(golden.dir);

  const sample = await copyProject(sampleProjectDir, 'deps-sample');
  for (const handler of ['signup.ts', 'authenticate.ts', 'loggedInUser.ts', 'credentials.ts']) {
    await rm(path.join(sample.dir, 'src', handler));
  }
  await writeFile(
    path.join(sample.dir, 'package.json'),
    `${JSON.stringify({ name: 'bare', private: true, type: 'module' }, null, 2)}\n`,
  );
  cases[1]!.project = sample;
  cases[1]!.result = await generate(sample.dir);
});

afterAll(async () => {
  await Promise.all(cases.map((c) => c.project?.remove()));
});

/** The package name of a bare import specifier: `@scope/name/sub` -> `@scope/name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

/** Every module specifier a file imports: static, type-only, re-exports and dynamic imports. */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/** Generated files plus the handler skeletons the run created, as project-relative paths. */
async function codeFiles(c: Case): Promise<string[]> {
  const generated = (await listFiles(path.join(c.project!.dir, 'generated'))).map(
    (file) => `generated/${file}`,
  );
  const skeletons = c.result!.created.filter((file) => file.startsWith('src/'));
  return [...generated, ...skeletons].filter((file) => /\.(ts|js|mjs|cjs)$/.test(file));
}

describe.each(cases)('the project generated from $label', (c) => {
  test('declares in its package.json dependencies every package its code imports', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(c.project!.dir, 'package.json'), 'utf8'),
    ) as {
      dependencies?: Record<string, string>;
    };
    const declared = Object.keys(manifest.dependencies ?? {});
    const undeclared: string[] = [];
    for (const file of await codeFiles(c)) {
      const source = await readFile(path.join(c.project!.dir, file), 'utf8');
      for (const specifier of importsOf(source)) {
        if (specifier.startsWith('.') || isBuiltin(specifier)) {
          continue;
        }
        if (!declared.includes(packageName(specifier))) {
          undeclared.push(`${file} imports "${specifier}"`);
        }
      }
    }

    expect(await codeFiles(c)).toEqual(expect.arrayContaining(['generated/server.ts']));
    expect(undeclared).toEqual([]);
  });

  test('imports nothing from graphcool-generator and nothing outside the project', async () => {
    const offending: string[] = [];
    for (const file of await codeFiles(c)) {
      const source = await readFile(path.join(c.project!.dir, file), 'utf8');
      for (const specifier of importsOf(source)) {
        const target = path.resolve(path.dirname(path.join(c.project!.dir, file)), specifier);
        const outside =
          specifier.startsWith('.') && path.relative(c.project!.dir, target).startsWith('..');
        if (packageName(specifier) === 'graphcool-generator' || outside) {
          offending.push(`${file} imports "${specifier}"`);
        }
      }
    }

    expect(offending).toEqual([]);
  });
});
