import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatFile } from './formatFile.js';

/** A file a run wants on disk, as the emit step produced it. */
export interface FileToWrite {
  path: string;
  content: string;
  /** `create-once` files are written only when missing: afterwards they belong to the user. */
  mode: 'generated' | 'create-once';
}

/** What a run did, or in check mode would do, to each file. */
export interface WriteOutcome {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Formats every file, compares it with the disk and writes only what changed, each file
 * atomically (a temporary file renamed over the target). All files are formatted before the
 * first write, so a formatting failure leaves the disk as it was. With `check`, nothing is
 * written and the outcome lists what would change.
 */
export async function writeFiles(
  projectDir: string,
  files: readonly FileToWrite[],
  options: { check: boolean },
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { created: [], updated: [], unchanged: [] };
  const pending: { absolute: string; content: string }[] = [];

  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const absolute = path.join(projectDir, file.path);
    const current = await readIfExists(absolute);
    if (file.mode === 'create-once' && current !== undefined) {
      outcome.unchanged.push(file.path);
      continue;
    }
    const content = await formatFile(file.path, file.content);
    if (current === content) {
      outcome.unchanged.push(file.path);
      continue;
    }
    (current === undefined ? outcome.created : outcome.updated).push(file.path);
    pending.push({ absolute, content });
  }

  if (!options.check) {
    for (const { absolute, content } of pending) await writeAtomically(absolute, content);
  }
  return outcome;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
