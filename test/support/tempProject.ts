import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { sampleProjectDir } from './paths.js';

/**
 * Temporary projects live in `sample-project/.tmp/` (git-ignored): from there Node and
 * TypeScript resolve every runtime dependency of a generated project, including those npm
 * installs in the workspace's own `node_modules` rather than the root's (graphql-yoga).
 */
export const tempRoot = path.join(sampleProjectDir, '.tmp');

/**
 * What a copy leaves out: installed packages, generated output and local state. Migrations go
 * with the generated schema snapshot they match, so a copy starts without both and its first
 * run writes the initial migration afresh.
 */
const skipped = new Set([
  'node_modules',
  'generated',
  'migrations',
  'data',
  '.tmp',
  '.auth-secret',
  '.env',
]);

/** A copy of a project in a fresh folder; `remove()` deletes it. */
export interface TempProject {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Copies the user-owned files of `sourceDir` into a new folder under {@link tempRoot}. The copy
 * keeps the source folder's name (`<tempRoot>/<label>-XXXXXX/<name>`), since the generator
 * names a new package.json after it. Set `KEEP_TEMP=1` to keep the folders for inspection.
 */
export async function copyProject(sourceDir: string, label: string): Promise<TempProject> {
  const parent = await makeTempDir(label);
  const dir = path.join(parent, path.basename(sourceDir));
  try {
    await mkdir(dir);
    // Entry by entry: fs.cp refuses to copy a folder into itself, and tempRoot may be inside it.
    for (const entry of await readdir(sourceDir)) {
      if (!skipped.has(entry)) {
        await cp(path.join(sourceDir, entry), path.join(dir, entry), {
          recursive: true,
          filter: (source) => !skipped.has(path.basename(source)),
        });
      }
    }
  } catch (error) {
    await removeTempDir(parent);
    throw error;
  }
  return { dir, remove: () => removeTempDir(parent) };
}

/** A new empty folder under {@link tempRoot}. */
export async function makeTempDir(label: string): Promise<string> {
  await mkdir(tempRoot, { recursive: true });
  return mkdtemp(path.join(tempRoot, `${label.replace(/[^\w-]+/g, '-')}-`));
}

/** Deletes a temporary folder unless `KEEP_TEMP=1`. */
export async function removeTempDir(dir: string): Promise<void> {
  if (process.env.KEEP_TEMP === '1') {
    return;
  }
  await rm(dir, { recursive: true, force: true });
}

/** Every file below `dir`, as sorted POSIX paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** The contents of every file below `dir`, keyed by relative POSIX path. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  for (const file of await listFiles(dir)) {
    tree.set(file, await readFile(path.join(dir, file), 'utf8'));
  }
  return tree;
}
