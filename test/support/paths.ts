import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (the folder holding the root package.json). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The sample project, whose handlers the end-to-end tests run. */
export const sampleProjectDir = path.join(repoRoot, 'sample-project');

/** Fixture projects of this test suite. */
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

/** Real Graphcool projects shared between the repositories, when `../shared` is present. */
export const sharedFixturesDir = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'graphcool');

/** A binary installed by the root package, e.g. `tsx` or `tsc`. */
export function binPath(name: string): string {
  return path.join(repoRoot, 'node_modules', '.bin', name);
}
