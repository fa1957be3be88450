import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeSyntheticProject } from '../../bench/syntheticProject.js';
import type { OutputFile } from '../../generator/emit/emitProject.js';
import { formatFile } from '../../generator/write/formatFile.js';
import { fitsPrintWidth, layOutFile } from '../../generator/write/layOutFile.js';
import { emitFiles } from '../support/emitFiles.js';
import { fixturesDir, sampleProjectDir, sharedFixturesDir } from '../support/paths.js';
import { makeTempDir, removeTempDir } from '../support/tempProject.js';

/**
 * Files emitted as `preformatted` are written without prettier, so each must be exactly what
 * prettier prints. Checked on projects whose names are short, long and past the print width,
 * and on real Graphcool projects. Also: these projects need prettier for nothing at all, which
 * is what keeps a first run on a large project fast.
 */
const projects: Record<string, string> = {
  'the sample project': sampleProjectDir,
  'the golden project': path.join(fixturesDir, 'golden-input'),
  'a project of long names': path.join(fixturesDir, 'layout-wide'),
  'Graphcool example "auth"': path.join(sharedFixturesDir, 'graphcool-framework/examples/0.x/auth'),
  'Graphcool example "full-example"': path.join(
    sharedFixturesDir,
    'graphcool-framework/examples/0.x/full-example',
  ),
  'Graphcool template "facebook"': path.join(sharedFixturesDir, 'templates/auth/facebook'),
};

let syntheticParent: string;
beforeAll(async () => {
  syntheticParent = await makeTempDir('layout');
  projects['a synthetic project of 30 models and 30 functions'] = path.join(syntheticParent, 'p');
  writeSyntheticProject(projects['a synthetic project of 30 models and 30 functions'] ?? '', {
    models: 30,
    functions: 30,
  });
});
afterAll(() => removeTempDir(syntheticParent));

describe('every file emitted as preformatted is written as prettier prints it', () => {
  test.each(Object.keys(projects))('in %s', async (name) => {
    const files = await emitFiles(projects[name] ?? '');
    for (const file of files.filter((item) => item.layout === 'preformatted')) {
      const written = await layOutFile(file.path, file.content, 'preformatted');
      expect(written, file.path).toBe(await formatFile(file.path, file.content));
    }
  });
});

describe('a project whose names fit the print width needs prettier for no file', () => {
  test.each(Object.keys(projects).filter((name) => name !== 'a project of long names'))(
    'in %s',
    async (name) => {
      const files = await emitFiles(projects[name] ?? '');
      expect(needPrettier(files)).toEqual([]);
    },
  );
});

/** Files the write step would format with prettier. */
function needPrettier(files: readonly OutputFile[]): string[] {
  return files
    .filter((file) => /\.(ts|js|json|graphql)$/.test(file.path))
    .filter((file) => {
      const layout = file.layout ?? 'prettier';
      return (
        layout === 'prettier' ||
        (layout === 'preformatted' && !fitsPrintWidth(file.path, file.content))
      );
    })
    .map((file) => file.path);
}
