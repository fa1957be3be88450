import type { Project } from '../model/project.js';
import type { OutputFile } from './emitProject.js';
import { packageJson } from './packageJson.js';
import { renderTemplate } from './renderTemplate.js';

/** Lines the target's .gitignore must have: dependencies, data, the dev secret, `.env`. */
export const GITIGNORE_LINES = ['node_modules/', 'data/', '.auth-secret', '.env'] as const;

/**
 * Lines the target's .prettierignore must have: generated/types.ts is written as GraphQL Code
 * Generator prints it (see `Layout`); every other generated file is already formatted.
 */
export const PRETTIERIGNORE_LINES = ['generated/types.ts'] as const;

/**
 * The project files the user owns but the server needs: package.json, tsconfig.json and
 * .gitignore. Each is created when missing; an existing one only gains what is missing, and is
 * left out of the result when nothing is.
 */
export async function packageFiles(
  project: Project,
  readExisting: (relPath: string) => string | undefined,
): Promise<{ files: OutputFile[]; notes: string[] }> {
  const [pkg, tsconfig, gitignore, prettierignore] = await Promise.all([
    packageJson(project.dir, readExisting('package.json')),
    tsconfigFile(project, readExisting('tsconfig.json')),
    ignoreFile('.gitignore', GITIGNORE_LINES, readExisting('.gitignore')),
    ignoreFile('.prettierignore', PRETTIERIGNORE_LINES, readExisting('.prettierignore')),
  ]);
  const files = [pkg.file, tsconfig, gitignore, prettierignore].filter(
    (file): file is OutputFile => file !== undefined,
  );
  return { files, notes: pkg.notes };
}

/**
 * A tsconfig.json for a project that has none: strict, NodeNext, type-checking JavaScript
 * handlers too, over generated/, migrations/, server.config.ts and every folder holding a
 * handler.
 */
async function tsconfigFile(
  project: Project,
  existing: string | undefined,
): Promise<OutputFile | undefined> {
  if (existing !== undefined) {
    return undefined;
  }
  const roots = new Set(['generated', 'migrations']);
  for (const fn of project.functions) {
    const [first = fn.handlerFile] = fn.handlerFile.split('/');
    roots.add(first);
  }
  const include = [...roots].sort();
  include.push('server.config.ts');
  const content = await renderTemplate('project/tsconfig.json', { include });
  return { path: 'tsconfig.json', content, mode: 'create-once', layout: 'preformatted' };
}

/** An ignore file with the lines the project needs; an existing one only gains missing lines. */
async function ignoreFile(
  path: string,
  lines: readonly string[],
  existing: string | undefined,
): Promise<OutputFile | undefined> {
  if (existing === undefined) {
    const content = await renderTemplate('project/ignore', { lines });
    return { path, content, mode: 'create-once' };
  }

  const present = new Set(existing.split(/\r?\n/).map(ignorePattern));
  const missing = lines.filter((line) => !present.has(ignorePattern(line)));
  if (missing.length === 0) {
    return undefined;
  }
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  const content = `${existing}${separator}${missing.join('\n')}\n`;
  return { path, content, mode: 'generated' };
}

/** `node_modules`, `/node_modules` and `node_modules/` ignore the same folder here. */
function ignorePattern(line: string): string {
  return line.trim().replace(/^\//, '').replace(/\/$/, '');
}
