import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { hashText, type Manifest } from './manifest.js';

/**
 * The files that changed since the last run, judged from the manifest alone: every file the
 * last run read or wrote that is no longer as it recorded (edited, deleted, or created where it
 * found none). `undefined` when the manifest cannot tell: another generator, or `${env:}` and
 * `${opt:}` variables (their values are not kept). Files on disk are hashed, so a hand-edited or
 * deleted generated file is always noticed. Reads only the files the manifest lists.
 */
export async function changedFiles(
  projectDir: string,
  manifest: Manifest,
  fingerprint: string,
): Promise<string[] | undefined> {
  if (manifest.generator !== fingerprint || manifest.variables.length > 0) return undefined;
  const expected = new Map<string, string | null>(Object.entries(manifest.inputs));
  const conflicting = new Set<string>();
  for (const [file, hash] of Object.entries(manifest.outputs)) {
    // Read as one thing and written as another: the file changed during the last run.
    if (expected.has(file) && expected.get(file) !== hash) conflicting.add(file);
    expected.set(file, hash);
  }
  const files = [...expected.keys()];
  const found = await Promise.all(files.map((file) => hashOnDisk(path.join(projectDir, file))));
  return files.filter(
    (file, index) => conflicting.has(file) || found[index] !== expected.get(file),
  );
}

/** The hash of a file's content, `null` when it does not exist. */
async function hashOnDisk(file: string): Promise<string | null> {
  try {
    return hashText(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    // Unreadable: never equal to a recorded hash, so the run does everything and reports it.
    return `unreadable: ${code ?? 'unknown'}`;
  }
}
