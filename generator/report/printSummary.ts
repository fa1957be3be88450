import { formatDiagnostic, type Diagnostic } from './diagnostic.js';

/** How much the CLI prints. */
export type Verbosity = 'silent' | 'normal' | 'verbose';

/** The part of a run's result the summary reads. */
export interface SummaryInput {
  ok: boolean;
  diagnostics: readonly Diagnostic[];
  created: readonly string[];
  updated: readonly string[];
  unchanged: readonly string[];
  notes: readonly string[];
}

/**
 * Prints a run's diagnostics and its summary: errors and warnings first, one per line, then
 * the files created, updated and unchanged. Errors always print, even when silent.
 */
export function printSummary(
  result: SummaryInput,
  options: {
    verbosity: Verbosity;
    check: boolean;
    out: (line: string) => void;
    err: (line: string) => void;
  },
): void {
  const { verbosity, check, out, err } = options;
  const errors = result.diagnostics.filter((item) => item.severity === 'error');
  const warnings = result.diagnostics.filter((item) => item.severity === 'warning');
  for (const item of errors) err(formatDiagnostic(item));
  if (verbosity !== 'silent') for (const item of warnings) err(formatDiagnostic(item));

  if (!result.ok) {
    err(
      `${count(errors.length, 'error')}; nothing was written. Fix the errors above and run again.`,
    );
    return;
  }

  if (check) {
    const stale = [
      ...result.created.map((file) => `  would create ${file}`),
      ...result.updated.map((file) => `  would update ${file}`),
    ];
    if (stale.length > 0) {
      err(`${count(stale.length, 'file')} out of date:`);
      for (const line of stale) err(line);
      err('Run "npx generator run" and commit the result.');
    } else if (verbosity !== 'silent') {
      out(`Up to date: ${count(result.unchanged.length, 'file')} checked.`);
    }
    return;
  }

  if (verbosity === 'silent') return;
  if (verbosity === 'verbose') {
    for (const file of result.created) out(`  created   ${file}`);
    for (const file of result.updated) out(`  updated   ${file}`);
    for (const file of result.unchanged) out(`  unchanged ${file}`);
  } else {
    for (const file of [...result.created, ...result.updated]) out(`  wrote ${file}`);
  }
  out(
    `${count(result.created.length, 'file')} created, ${result.updated.length} updated, ` +
      `${result.unchanged.length} unchanged, ${count(warnings.length, 'warning')}.`,
  );
  for (const note of result.notes) out(note);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
