import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Layout } from '../emit/emitProject.js';
import { compareText, DiagnosticError, fileStart } from '../report/diagnostic.js';
import { layOutFile } from './layOutFile.js';

/** A file a run wants on disk. */
export interface FileToWrite {
  path: string;
  content: string;
  /**
   * `generated`: formatted, and rewritten whenever it differs. `create-once`: formatted, and
   * written only when missing, since the file then belongs to the user. `verbatim`: written
   * exactly as given, never formatted (a repaired handler file).
   */
  mode: 'generated' | 'create-once' | 'verbatim';
  /** The text a `verbatim` file was derived from: the write stops if the disk has changed since. */
  basedOn?: string;
  /** How `generated` and `create-once` text is laid out; `prettier` when absent. */
  layout?: Layout;
}

/** One file of a plan: its content now (`undefined` when missing) and after the run. */
export interface PlannedFile {
  path: string;
  before: string | undefined;
  after: string;
}

/** Everything a run would write and delete, computed before anything is written. */
export interface WritePlan {
  /** Every file of the run, sorted by path, changed or not. */
  files: PlannedFile[];
  /** Files to delete, with their content now. */
  deletes: { path: string; before: string }[];
}

/** What a run did, or in check mode would do, to each file. */
export interface WriteOutcome {
  created: string[];
  updated: string[];
  unchanged: string[];
  deleted: string[];
}

/**
 * Tells whether the disk already holds the formatted form of `content` for a file, so that it
 * need not be formatted again (from the hashes the last run recorded).
 */
export type FormattedBefore = (path: string, content: string, onDisk: string) => boolean;

/**
 * Formats every file and compares it with the disk, writing nothing: the plan of a run. All
 * files are formatted here, before the first write, so a failure leaves the disk as it was.
 * A file whose unformatted text is the one the last run formatted into what is on disk now is
 * taken from the disk instead: formatting is most of a run's time.
 */
export async function planWrites(
  projectDir: string,
  files: readonly FileToWrite[],
  deletes: readonly string[],
  formattedBefore: FormattedBefore = () => false,
): Promise<WritePlan> {
  const plan: WritePlan = { files: [], deletes: [] };
  for (const file of [...files].sort((a, b) => compareText(a.path, b.path))) {
    if (plan.files.at(-1)?.path === file.path) {
      throw new Error(`The generator produced "${file.path}" twice. This is a bug.`);
    }
    const before = readIfExists(path.join(projectDir, file.path));
    if (file.mode === 'verbatim' && file.basedOn !== undefined && before !== file.basedOn) {
      throw changedDuringRun(file.path);
    }
    let after: string;
    if (file.mode === 'verbatim') after = file.content;
    else if (file.mode === 'create-once' && before !== undefined) after = before;
    else if (
      (file.layout ?? 'prettier') === 'prettier' &&
      before !== undefined &&
      formattedBefore(file.path, file.content, before)
    )
      after = before;
    else after = await layOutFile(file.path, file.content, file.layout ?? 'prettier');
    plan.files.push({ path: file.path, before, after });
  }
  for (const file of [...deletes].sort(compareText)) {
    const before = readIfExists(path.join(projectDir, file));
    if (before !== undefined) plan.deletes.push({ path: file, before });
  }
  return plan;
}

/** The files a plan creates, updates, leaves alone and deletes. */
export function planOutcome(plan: WritePlan): WriteOutcome {
  const outcome: WriteOutcome = { created: [], updated: [], unchanged: [], deleted: [] };
  for (const file of plan.files) {
    if (file.before === undefined) outcome.created.push(file.path);
    else if (file.before !== file.after) outcome.updated.push(file.path);
    else outcome.unchanged.push(file.path);
  }
  outcome.deleted = plan.deletes.map((file) => file.path);
  return outcome;
}

/**
 * Carries out a plan: writes each changed file atomically (a temporary file renamed over the
 * target), deletes what it lists, then writes `last` (the manifest) if it changed. Each file is
 * checked against the content the plan saw just before it is replaced; if one changed meanwhile,
 * or a write fails, the files already written are put back and the error is thrown.
 */
export async function applyWrites(
  projectDir: string,
  plan: WritePlan,
  last?: { path: string; content: string },
): Promise<void> {
  const done: { absolute: string; before: string | undefined }[] = [];
  try {
    const changed = plan.files.filter((file) => file.before !== file.after);
    for (const file of changed) {
      const absolute = path.join(projectDir, file.path);
      if (readIfExists(absolute) !== file.before) throw changedDuringRun(file.path);
      writeAtomically(absolute, file.after);
      done.push({ absolute, before: file.before });
    }
    for (const file of plan.deletes) {
      const absolute = path.join(projectDir, file.path);
      if (readIfExists(absolute) !== file.before) throw changedDuringRun(file.path);
      rmSync(absolute);
      done.push({ absolute, before: file.before });
    }
    if (last) {
      const absolute = path.join(projectDir, last.path);
      const before = readIfExists(absolute);
      if (before !== last.content) writeAtomically(absolute, last.content);
    }
  } catch (error) {
    for (const { absolute, before } of done.reverse()) {
      try {
        if (before === undefined) rmSync(absolute, { force: true });
        else writeAtomically(absolute, before);
      } catch {
        // Put back what can be put back; the first error is the one reported.
      }
    }
    throw error;
  }
}

/**
 * File operations here are synchronous: a run reads and writes hundreds of small files in turn,
 * and each asynchronous operation is a round trip to the thread pool.
 */
function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, content, 'utf8');
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function changedDuringRun(file: string): DiagnosticError {
  const what = `"${file}" changed while the generator was running`;
  return new DiagnosticError({
    severity: 'error',
    code: 'CHANGED_DURING_RUN',
    file,
    ...fileStart,
    message: `${what}, so nothing was written. Run again.`,
  });
}
