import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The generator's own folder (`generator/` when run from source, `dist/` when compiled). */
const codeDir = fileURLToPath(new URL('../', import.meta.url));
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

let cached: string | undefined;

/**
 * A hash of everything besides the project that decides what a run writes: the generator's
 * code, its templates and the versions of its dependencies (prettier, GraphQL Code Generator,
 * ts-morph...). A manifest written under another fingerprint is never trusted to mean "nothing
 * changed". Computed once per process.
 */
export function generatorFingerprint(): string {
  cached ??= computeFingerprint();
  return cached;
}

// Synchronous reads: for some eighty small files they take a few milliseconds, several times
// less than as many promises, and this runs on every invocation, no-op runs included.
function computeFingerprint(): string {
  const hash = createHash('sha256');
  for (const [label, dir] of [
    ['code', codeDir],
    ['template', path.join(packageRoot, 'templates')],
  ] as const) {
    for (const file of filesBelow(dir)) {
      hash.update(`${label} ${file}\n`);
      hash.update(readFileSync(path.join(dir, file)));
      hash.update('\n');
    }
  }

  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  hash.update(`generator ${manifest.version}\n`);
  for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
    hash.update(`dependency ${name} ${installedVersion(name)}\n`);
  }
  return hash.digest('hex');
}

function filesBelow(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** The version of a dependency, found the way Node finds the package: up the node_modules. */
function installedVersion(name: string): string {
  let dir = packageRoot;
  for (;;) {
    try {
      const file = path.join(dir, 'node_modules', name, 'package.json');
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return 'missing';
      dir = parent;
    }
  }
}
