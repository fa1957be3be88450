import path from 'node:path';

import { DiagnosticError, Diagnostics, fileStart, type Diagnostic } from './report/diagnostic.js';
import { generatorFingerprint } from './write/generatorFingerprint.js';
import type { Orphan } from './write/handlerRecords.js';
import { changedFiles } from './write/changedFiles.js';
import { MANIFEST_PATH, readManifest, type Manifest } from './write/manifest.js';

/** What `generator run` is asked to do. */
export interface RunOptions {
  /** The project folder, absolute or relative to the working directory. */
  projectDir: string;
  /** Write nothing; report the files a run would create, change or delete. */
  check?: boolean;
  /** Write nothing; return the unified diff of what a run would change. */
  dryRun?: boolean;
  /** Delete orphaned handler files that are still exactly what the generator wrote. */
  prune?: boolean;
  /** Values for `${opt:name}` variables in graphcool.yml. */
  variables?: Record<string, string>;
  /** The environment for `${env:NAME}` variables; `process.env` when absent. */
  env?: NodeJS.ProcessEnv;
  /** Let a new migration drop tables and columns that hold data; the notes list them. */
  allowDataLoss?: boolean;
  /** Trust the manifest to skip a run that would change nothing (default true). */
  skipWhenUnchanged?: boolean;
}

/** What a run found and did. With `check` or `dryRun`, what it would do. */
export interface RunResult {
  ok: boolean;
  projectDir: string;
  diagnostics: Diagnostic[];
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Pruned orphans and generated files no longer produced. */
  deleted: string[];
  /** Handler files whose type annotation, imports or export were brought up to date. */
  repairs: { file: string; changes: string[] }[];
  /** Handler files no function uses any more; left in place unless pruned. */
  orphans: Orphan[];
  notes: string[];
  /** With `dryRun`: the unified diff of every change. */
  diff?: string;
  /** The project files the run read (graphcool.yml, types, extension and handler files...). */
  inputs: string[];
  /** The manifest showed that nothing changed, so the pipeline did not run. */
  skipped: boolean;
}

/**
 * Runs the generator on one project. When the manifest shows that no input, output or the
 * generator itself changed since the last run, it returns at once without loading the pipeline.
 * Otherwise it runs every step (config, load, validate, model, emit, repair) and only then
 * writes; any error stops the run before the first file is written.
 */
export async function run(options: RunOptions): Promise<RunResult> {
  const projectDir = path.resolve(options.projectDir);
  const { manifest, problem } = await readManifest(projectDir);
  const fingerprint = generatorFingerprint();
  const changed = manifest && (await changedFiles(projectDir, manifest, fingerprint));
  if (
    manifest &&
    changed?.length === 0 &&
    options.skipWhenUnchanged !== false &&
    !(options.prune && prunableOrphans(manifest).length > 0)
  ) {
    return skippedRun(projectDir, manifest);
  }

  const diagnostics = new Diagnostics();
  if (problem) {
    diagnostics.warning(
      'MANIFEST_UNREADABLE',
      MANIFEST_PATH,
      fileStart,
      `${MANIFEST_PATH} could not be read (${problem}), so this run starts afresh and writes a ` +
        `new one. Handler files an earlier run created are no longer known as such.`,
    );
  }
  // Started before the pipeline's modules load, so that its own loading overlaps with theirs.
  const { startCodegen } = await import('./emit/startCodegen.js');
  const codegen = startCodegen({ early: !onlyHandlersChanged(changed || undefined) });
  const { generate } = await import('./generate.js');
  const { InputFiles } = await import('./write/inputFiles.js');
  const inputs = new InputFiles(projectDir);
  try {
    return await generate(projectDir, options, {
      manifest,
      fingerprint,
      diagnostics,
      inputs,
      codegen,
    });
  } catch (error) {
    if (!(error instanceof DiagnosticError)) throw error;
    diagnostics.items.push(error.diagnostic);
    return failedRun(projectDir, diagnostics, inputs.files());
  }
}

/**
 * Whether the only files that changed since the last run are code files outside generated/, so
 * that the served schema, and with it generated/types.ts, most likely stays as it is.
 */
function onlyHandlersChanged(changed: readonly string[] | undefined): boolean {
  return (
    changed !== undefined &&
    changed.every((file) => /\.[cm]?[jt]s$/.test(file) && !file.startsWith('generated/'))
  );
}

/** The result of a run that stopped on errors: nothing was written. */
export function failedRun(
  projectDir: string,
  diagnostics: Diagnostics,
  inputs: string[],
): RunResult {
  return {
    ok: false,
    projectDir,
    diagnostics: diagnostics.sorted(),
    created: [],
    updated: [],
    unchanged: [],
    deleted: [],
    repairs: [],
    orphans: [],
    notes: [],
    inputs,
    skipped: false,
  };
}

function skippedRun(projectDir: string, manifest: Manifest): RunResult {
  return {
    ok: true,
    projectDir,
    diagnostics: manifest.warnings,
    created: [],
    updated: [],
    unchanged: Object.keys(manifest.outputs).sort(),
    deleted: [],
    repairs: [],
    orphans: Object.entries(manifest.orphans).map(([file, record]) => ({
      file,
      reason: record.reason,
      prunable: prunableOrphans(manifest).includes(file),
    })),
    notes: [],
    inputs: Object.keys(manifest.inputs).sort(),
    skipped: true,
  };
}

/** Orphans whose file is still what the generator wrote (orphan files are manifest inputs). */
function prunableOrphans(manifest: Manifest): string[] {
  return Object.entries(manifest.orphans)
    .filter(([file, record]) => record.written && manifest.inputs[file] === record.written)
    .map(([file]) => file);
}
