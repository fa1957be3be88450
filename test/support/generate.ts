import { run, type RunOptions, type RunResult } from '../../generator/run.js';

/** Formats diagnostics the way the CLI prints them, one per line. */
export function formatDiagnostics(result: RunResult): string {
  return result.diagnostics
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)
    .join('\n');
}

/**
 * Runs the generator on `projectDir` and throws, listing the diagnostics, unless it succeeds.
 * `${env:X}` variables see only `env` (empty by default), so results do not depend on the
 * machine running the tests.
 */
export async function generate(
  projectDir: string,
  options: Omit<RunOptions, 'projectDir'> = {},
): Promise<RunResult> {
  const result = await run({ env: {}, ...options, projectDir });
  if (!result.ok) {
    throw new Error(`The generator failed on ${projectDir}:\n${formatDiagnostics(result)}`);
  }
  return result;
}
