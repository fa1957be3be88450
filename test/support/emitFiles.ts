import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../generator/config/readConfig.js';
import { emitProject, type OutputFile } from '../../generator/emit/emitProject.js';
import { loadSources } from '../../generator/load/loadSources.js';
import { buildProject } from '../../generator/model/buildProject.js';
import { Diagnostics } from '../../generator/report/diagnostic.js';
import { validateProject } from '../../generator/validate/validateProject.js';

/**
 * Runs a project through the pipeline up to the emit step, in memory, and returns the files it
 * would write before they are laid out (formatted or checked). `${env:X}` variables see an
 * empty environment. Throws, listing the errors, when the project does not generate.
 */
export async function emitFiles(projectDir: string): Promise<OutputFile[]> {
  const diagnostics = new Diagnostics();
  const fail = () =>
    new Error(
      `${projectDir} does not generate:\n` +
        diagnostics
          .sorted()
          .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)
          .join('\n'),
    );
  const config = await readConfig(projectDir, { env: {}, options: {} }, diagnostics);
  if (!config || diagnostics.hasErrors) throw fail();
  const sources = await loadSources(projectDir, config, diagnostics);
  const checked = validateProject(sources, diagnostics);
  if (!checked || diagnostics.hasErrors) throw fail();
  const project = buildProject(projectDir, config, checked);
  const emitted = await emitProject(project, (file) => readIfPresent(path.join(projectDir, file)));
  if (emitted.diagnostics.some((d) => d.severity === 'error')) throw fail();
  return emitted.files;
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
