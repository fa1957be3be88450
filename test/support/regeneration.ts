import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunResult } from '../../generator/run.js';
import { printSummary } from '../../generator/report/printSummary.js';
import { binPath } from './paths.js';
import { makeTempDir } from './tempProject.js';

/** A copy of a whole project folder, generated files included, under the temporary root. */
export async function cloneProject(sourceDir: string, label: string): Promise<string> {
  const parent = await makeTempDir(label);
  const dir = path.join(parent, path.basename(sourceDir));
  await cp(sourceDir, dir, { recursive: true });
  return dir;
}

/**
 * Edits a handler file the way a user does: a comment above the imports, an import of their
 * own, a comment and an oddly spaced statement in the body (which prettier would reformat), and
 * a helper after the handler. What the generator owns (the annotation, the import of the
 * handler type, the default export) is left as it was.
 */
export function editByHand(text: string): string {
  const edited = text.replace(
    ') => {\n',
    ') => {\n  // Written by hand: the generator must keep it.\n' +
      '  const   requestId =   randomUUID() ;\n  void requestId;\n',
  );
  return (
    "// Hand-written notes above the imports.\nimport { randomUUID } from 'node:crypto';\n" +
    `${edited}\n` +
    `/** A helper of the user's. */\nexport function   tidy(value: string): string {\n` +
    `  return value.trim();\n}\n`
  );
}

/** Reads a project file. */
export function readText(dir: string, file: string): Promise<string> {
  return readFile(path.join(dir, file), 'utf8');
}

/** Rewrites a project file through `change`, failing if it changed nothing. */
export async function rewrite(
  dir: string,
  file: string,
  change: (text: string) => string,
): Promise<void> {
  const before = await readText(dir, file);
  const after = change(before);
  if (after === before) throw new Error(`The change to ${file} changed nothing.`);
  await writeFile(path.join(dir, file), after);
}

/** graphcool.yml without the entry of one function under `functions:`. */
export function withoutFunction(config: string, name: string): string {
  const lines = config.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  if (start < 0) throw new Error(`No function "${name}" in graphcool.yml.`);
  let end = start + 1;
  // Its indented lines and the blank lines after them, but not the file's final newline.
  while (end < lines.length - 1 && (lines[end] === '' || lines[end]!.startsWith('    '))) {
    end += 1;
  }
  lines.splice(start, end - start);
  return lines.join('\n');
}

/** graphcool.yml with one more resolver function, first under `functions:`. */
export function withFunction(config: string, name: string, schema: string, handler: string) {
  const entry = [
    `  ${name}:`,
    '    type: resolver',
    `    schema: ${schema}`,
    '    handler:',
    `      code: ${handler}`,
    '',
  ].join('\n');
  return config.replace(/^functions:\n/m, `functions:\n${entry}`);
}

/** `tsc --noEmit` in a project: '' when it type-checks, else the compiler's output. */
export async function typecheck(dir: string): Promise<string> {
  return promisify(execFile)(binPath('tsc'), ['--noEmit', '-p', '.'], { cwd: dir }).then(
    () => '',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
}

/** The files named by `tsc` errors, sorted and without duplicates. */
export function filesWithErrors(tscOutput: string): string[] {
  const files = [...tscOutput.matchAll(/^(\S+?)\(\d+,\d+\): error/gm)].map((match) => match[1]!);
  return [...new Set(files)].sort();
}

/** The summary the CLI prints for a run, as one string. */
export function summaryOf(result: RunResult, options: { check?: boolean } = {}): string {
  const lines: string[] = [];
  printSummary(result, {
    verbosity: 'normal',
    check: options.check ?? false,
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
  });
  return lines.join('\n');
}
