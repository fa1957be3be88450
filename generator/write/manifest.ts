import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { printJson } from '../emit/printJson.js';
import type { Diagnostic } from '../report/diagnostic.js';

/** Where the manifest lives in a target project. */
export const MANIFEST_PATH = 'generated/manifest.json';

/**
 * What the last run read and wrote, so that the next one can tell that nothing changed without
 * loading the pipeline, and which handler files it made. Deterministic: no times, sorted keys.
 */
export interface Manifest {
  about: string;
  version: 1;
  /** Hash of the generator's code, templates and dependency versions. */
  generator: string;
  /** `env:NAME` and `opt:name` variables graphcool.yml resolved; their values are not kept. */
  variables: string[];
  /** Every file the run read, with its hash; `null` for a file it looked for and did not find. */
  inputs: Record<string, string | null>;
  /** Every file the run wrote or checked, with the hash of what is on disk after it. */
  outputs: Record<string, string>;
  /**
   * For each formatted output, the hash of the text before formatting: when the next run
   * produces the same text and the disk still holds `outputs`, it skips formatting that file.
   */
  unformatted?: Record<string, string>;
  /**
   * For each output rendered from one part of the project alone (generated/types.ts from the
   * served schema), the hash of that part: the next run keeps the file when both are unchanged.
   */
  renderedFrom?: Record<string, string>;
  /** The handler file of each resolver function. */
  handlers: Record<string, HandlerRecord>;
  /** Handler files no function uses any more; they stay until the user deletes them. */
  orphans: Record<string, OrphanRecord>;
  /** The warnings of the last run, printed again by a run that changes nothing. */
  warnings: Diagnostic[];
}

/** A handler file the generator knows about. */
export interface HandlerRecord {
  function: string;
  /** `Mutation.signupUser`. */
  field: string;
  /** Hash of the file as the generator last wrote it, when the user has not edited it since. */
  written?: string;
  /** The handler type and file hash of the last repair that found nothing to do. */
  verified?: { type: string; hash: string };
}

/** A handler file whose function was removed, or whose function now uses another file. */
export interface OrphanRecord {
  function: string;
  field: string;
  /** Hash of the file as the generator wrote it; only such a file may be pruned. */
  written?: string;
  /** Why it is an orphan, for the summary. */
  reason: string;
}

const ABOUT =
  'Written by graphcool-generator (npx generator run) to tell when nothing changed and which ' +
  'handler files it created. Do not edit; commit it with the other generated files.';

/** The hash the manifest keeps of a file's content. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Reads the manifest of a project. A missing manifest gives `undefined`; so does one that is not
 * a manifest this version writes, in which case `problem` says so and the run simply does
 * everything, as on a first run.
 */
export async function readManifest(
  projectDir: string,
): Promise<{ manifest?: Manifest; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path.join(projectDir, MANIFEST_PATH), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: (error as Error).message };
  }
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    const objects = [value.inputs, value.outputs, value.handlers, value.orphans];
    if (value.unformatted !== undefined) objects.push(value.unformatted);
    if (value.renderedFrom !== undefined) objects.push(value.renderedFrom);
    if (
      value.version !== 1 ||
      typeof value.generator !== 'string' ||
      !Array.isArray(value.variables) ||
      !Array.isArray(value.warnings) ||
      objects.some((item) => item === null || typeof item !== 'object')
    ) {
      return { problem: 'it is not a manifest this version of the generator wrote' };
    }
    return { manifest: value as Manifest };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** The manifest as JSON with sorted keys (prettier formats it like every generated file). */
export function serializeManifest(manifest: Omit<Manifest, 'about' | 'version'>): string {
  const ordered: Manifest = {
    about: ABOUT,
    version: 1,
    generator: manifest.generator,
    variables: [...manifest.variables].sort(),
    inputs: sortKeys(manifest.inputs),
    outputs: sortKeys(manifest.outputs),
    unformatted: sortKeys(manifest.unformatted ?? {}),
    renderedFrom: sortKeys(manifest.renderedFrom ?? {}),
    handlers: sortKeys(manifest.handlers),
    orphans: sortKeys(manifest.orphans),
    warnings: manifest.warnings,
  };
  return printJson(ordered);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => [key, record[key] as T]),
  );
}
