import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DiagnosticError, fileStart } from '../report/diagnostic.js';
import { hashText } from './manifest.js';

/**
 * Reads project files for a run and remembers the hash of each one it read (or that it was
 * missing), for the manifest. Only a missing file reads as `undefined`: a file that exists but
 * cannot be read stops the run, since "could not read" must never pass for "not there".
 */
export class InputFiles {
  readonly hashes = new Map<string, string | null>();

  constructor(private readonly projectDir: string) {}

  /**
   * Reads a project file; `undefined` when it does not exist. Synchronous: a run reads hundreds
   * of small files in turn, and an asynchronous read costs four round trips to the thread pool
   * (open, stat, read, close), most of the time of reading a small file.
   */
  read(file: string): string | undefined {
    try {
      return this.record(file, readFileSync(path.join(this.projectDir, file), 'utf8'));
    } catch (error) {
      return this.missing(file, error);
    }
  }

  /** Records the hash of files another step reads, before it reads them. */
  track(files: readonly string[]): void {
    for (const file of files) this.read(file);
  }

  /** The files read so far, sorted. */
  files(): string[] {
    return [...this.hashes.keys()].sort();
  }

  private record(file: string, text: string): string {
    this.hashes.set(file, hashText(text));
    return text;
  }

  private missing(file: string, error: unknown): undefined {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      this.hashes.set(file, null);
      return undefined;
    }
    throw new DiagnosticError({
      severity: 'error',
      code: 'UNREADABLE_FILE',
      file,
      ...fileStart,
      message:
        `"${file}" exists but cannot be read (${code ?? String(error)}). ` +
        'Check its permissions and run again.',
    });
  }
}
