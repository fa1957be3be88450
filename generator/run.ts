import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from './config/readConfig.js';
import { loadSources } from './load/loadSources.js';
import { buildProject } from './model/buildProject.js';
import { DiagnosticError, Diagnostics, type Diagnostic } from './report/diagnostic.js';
import { validateProject } from './validate/validateProject.js';
import { writeFiles } from './write/writeFiles.js';

/** What `generator run` is asked to do. */
export interface RunOptions {
  /** The project folder, absolute or relative to the working directory. */
  projectDir: string;
  /** Write nothing; report the files a run would create or change. */
  check?: boolean;
  /** Values for `${opt:name}` variables in graphcool.yml. */
  variables?: Record<string, string>;
  /** The environment for `${env:NAME}` variables; `process.env` when absent. */
  env?: NodeJS.ProcessEnv;
}

/** What a run found and did. In check mode, `created` and `updated` list what it would do. */
export interface RunResult {
  ok: boolean;
  projectDir: string;
  diagnostics: Diagnostic[];
  created: string[];
  updated: string[];
  unchanged: string[];
  notes: string[];
}

/**
 * Runs the whole pipeline on one project: config, load, validate, model, emit, write. Any error
 * stops the run before the first file is written, and every error found so far is returned.
 */
export async function run(options: RunOptions): Promise<RunResult> {
  const projectDir = path.resolve(options.projectDir);
  const diagnostics = new Diagnostics();
  const failed = (): RunResult => ({
    ok: false,
    projectDir,
    diagnostics: diagnostics.sorted(),
    created: [],
    updated: [],
    unchanged: [],
    notes: [],
  });

  const config = await readConfig(
    projectDir,
    { env: options.env ?? process.env, options: options.variables ?? {} },
    diagnostics,
  );
  if (!config || diagnostics.hasErrors) return failed();

  const sources = await loadSources(projectDir, config, diagnostics);
  const checked = validateProject(sources, diagnostics);
  if (!checked || diagnostics.hasErrors) return failed();

  const project = buildProject(projectDir, config, checked);
  const { emitProject } = await import('./emit/emitProject.js');
  let emitted: Awaited<ReturnType<typeof emitProject>>;
  try {
    emitted = await emitProject(project, (relative) => readExisting(projectDir, relative));
  } catch (error) {
    if (!(error instanceof DiagnosticError)) throw error;
    diagnostics.items.push(error.diagnostic);
    return failed();
  }
  const outcome = await writeFiles(projectDir, emitted.files, { check: options.check ?? false });

  return {
    ok: true,
    projectDir,
    diagnostics: diagnostics.sorted(),
    ...outcome,
    notes: emitted.notes,
  };
}

function readExisting(projectDir: string, relative: string): string | undefined {
  try {
    return readFileSync(path.join(projectDir, relative), 'utf8');
  } catch {
    return undefined;
  }
}
