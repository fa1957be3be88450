import { basename } from 'node:path';

import { DiagnosticError, positionAt, type Position } from '../report/diagnostic.js';
import type { OutputFile } from './emitProject.js';
import { renderTemplate } from './renderTemplate.js';
import { DEV_DEPENDENCIES, PROJECT_SCRIPTS, RUNTIME_DEPENDENCIES } from './runtimeDependencies.js';

/**
 * package.json of the target project. A missing one is created (`create-once`). An existing one
 * only gains what is missing: runtime and dev dependencies, the `start` and `typecheck` scripts,
 * and `"type": "module"`. Versions and scripts already there are never changed, existing keys
 * keep their order, and new keys are added in sorted order. Nothing is returned when nothing
 * is missing, so the user's file is left exactly as it is.
 */
export async function packageJson(
  projectDir: string,
  existing: string | undefined,
): Promise<{ file?: OutputFile; notes: string[] }> {
  if (existing === undefined) {
    const content = await renderTemplate('project/package.json', {
      name: packageName(projectDir),
      scripts: PROJECT_SCRIPTS,
      dependencies: RUNTIME_DEPENDENCIES,
      devDependencies: DEV_DEPENDENCIES,
    });
    return {
      file: { path: 'package.json', content, mode: 'create-once', layout: 'preformatted' },
      notes: ['Created package.json: run "npm install" to install the server\'s dependencies.'],
    };
  }

  const manifest = parseManifest(existing);
  const installed = new Set(
    ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap(
      (section) => Object.keys(objectAt(manifest, section) ?? {}),
    ),
  );
  const missing = (wanted: Readonly<Record<string, string>>) =>
    Object.entries(wanted).filter(([name]) => !installed.has(name));
  const addedDependencies = addKeys(manifest, 'dependencies', missing(RUNTIME_DEPENDENCIES));
  const addedDevDependencies = addKeys(manifest, 'devDependencies', missing(DEV_DEPENDENCIES));
  const scripts = Object.entries(PROJECT_SCRIPTS).filter(
    ([name]) => objectAt(manifest, 'scripts')?.[name] === undefined,
  );
  const addedScripts = addKeys(manifest, 'scripts', scripts);

  const notes: string[] = [];
  const start = objectAt(manifest, 'scripts')?.['start'];
  if (start !== undefined && start !== PROJECT_SCRIPTS['start']) {
    notes.push(
      'package.json keeps its own "start" script; the server starts with ' +
        `"${PROJECT_SCRIPTS['start']}".`,
    );
  }
  let addedType = false;
  if (manifest['type'] === undefined) {
    manifest['type'] = 'module';
    addedType = true;
    notes.push('Set "type": "module" in package.json: the generated server is ES modules.');
  } else if (manifest['type'] !== 'module') {
    notes.push(
      'package.json sets "type" to something other than "module"; the generated server is ' +
        'ES modules and needs "type": "module".',
    );
  }

  const added = [...addedDependencies, ...addedDevDependencies];
  if (added.length > 0) {
    notes.push(`Added ${added.join(', ')} to package.json: run "npm install".`);
  }
  if (added.length === 0 && addedScripts.length === 0 && !addedType) {
    return { notes };
  }
  // Prettier prints package.json as JSON.stringify does with two spaces, whatever it was before.
  const content = `${JSON.stringify(manifest, null, 2)}\n`;
  return {
    file: { path: 'package.json', content, mode: 'generated', layout: 'preformatted' },
    notes,
  };
}

function parseManifest(text: string): Record<string, unknown> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const offset = Number(/at position (\d+)/.exec(reason)?.[1] ?? 0);
    throw invalidManifest(positionAt(text, offset), `package.json is not valid JSON (${reason}).`);
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw invalidManifest({ line: 1, column: 1 }, 'package.json must contain a JSON object.');
  }
  return manifest as Record<string, unknown>;
}

function invalidManifest(at: Position, problem: string): DiagnosticError {
  return new DiagnosticError({
    severity: 'error',
    code: 'INVALID_PACKAGE_JSON',
    file: 'package.json',
    line: at.line,
    column: at.column,
    message: `${problem} Fix it and run again; the generator only adds what is missing to it.`,
  });
}

function objectAt(
  manifest: Record<string, unknown>,
  key: string,
): Record<string, unknown> | undefined {
  const value = manifest[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Adds entries to `manifest[section]`, creating the section when missing. When the section's
 * keys are sorted (as npm keeps dependencies) they stay sorted; otherwise the new keys follow
 * the existing ones, sorted among themselves. Returns the names added.
 */
function addKeys(
  manifest: Record<string, unknown>,
  section: string,
  entries: [string, string][],
): string[] {
  if (entries.length === 0) {
    return [];
  }
  const current = objectAt(manifest, section) ?? {};
  const keys = Object.keys(current);
  const wasSorted = keys.every((key, i) => i === 0 || compare(keys[i - 1] ?? '', key) <= 0);
  const merged = [...Object.entries(current), ...[...entries].sort(([a], [b]) => compare(a, b))];
  if (wasSorted) {
    merged.sort(([a], [b]) => compare(a, b));
  }
  manifest[section] = Object.fromEntries(merged);
  return entries.map(([name]) => name).sort(compare);
}

function compare(a: string, b: string): number {
  return a.localeCompare(b, 'en');
}

/** An npm package name from the project folder's name. */
function packageName(projectDir: string): string {
  const name = basename(projectDir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return name === '' ? 'graphql-server' : name;
}
