import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Copies a project's top-level entries into `target`, leaving out the names in `skipped`
 * (installed packages, output, local state). Works when `target` lies inside `source`.
 */
export function copyProject(source: string, target: string, skipped: ReadonlySet<string>): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (skipped.has(entry)) continue;
    cpSync(path.join(source, entry), path.join(target, entry), { recursive: true });
  }
}
