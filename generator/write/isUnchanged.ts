import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { hashText, type Manifest } from './manifest.js';

/**
 * Whether a run would change nothing, judged from the manifest alone: the same generator, no
 * `${env:}` or `${opt:}` variables (their values are not kept), and every file the last run read
 * or wrote still as it recorded. Files on disk are hashed, so a hand-edited or deleted generated
 * file is always noticed. Reads only the files the manifest lists.
 */
export async function isUnchanged(
  projectDir: string,
  manifest: Manifest,
  fingerprint: string,
): Promise<boolean> {
  if (manifest.generator !== fingerprint || manifest.variables.length > 0) return false;
  const expected = new Map<string, string | null>(Object.entries(manifest.inputs));
  for (const [file, hash] of Object.entries(manifest.outputs)) {
    if (expected.has(file) && expected.get(file) !== hash) return false;
    expected.set(file, hash);
  }
  const found = await Promise.all(
    [...expected.keys()].map((file) => hashOnDisk(path.join(projectDir, file))),
  );
  return [...expected.values()].every((hash, index) => found[index] === hash);
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
