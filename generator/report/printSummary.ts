import { plain, type Palette } from './colour.js';
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
  deleted: readonly string[];
  repairs: readonly { file: string; changes: readonly string[] }[];
  orphans: readonly { file: string; reason: string; prunable: boolean }[];
  notes: readonly string[];
  diff?: string;
  skipped: boolean;
}

/** Where and how the summary prints. */
export interface SummaryOptions {
  verbosity: Verbosity;
  check: boolean;
  dryRun?: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Colours for `out` and for `err`; none by default. */
  colours?: { out: Palette; err: Palette };
}

/**
 * Prints a run's diagnostics and its summary: errors and warnings first, one per line, then what
 * the run did (or, with --check and --dry-run, would do) to each file, the orphaned handler
 * files, and the totals. Errors always print, even when silent.
 */
export function printSummary(result: SummaryInput, options: SummaryOptions): void {
  const { verbosity, check, out, err } = options;
  const colours = options.colours ?? { out: plain, err: plain };
  const errors = result.diagnostics.filter((item) => item.severity === 'error');
  const warnings = result.diagnostics.filter((item) => item.severity === 'warning');
  for (const item of errors) err(paintDiagnostic(item, colours.err));
  if (verbosity !== 'silent') for (const item of warnings) err(paintDiagnostic(item, colours.err));

  if (!result.ok) {
    err(
      `${count(errors.length, 'error')}; nothing was written. Fix the errors above and run again.`,
    );
    return;
  }

  const repairs = new Map(result.repairs.map((item) => [item.file, item.changes.join('; ')]));
  const detail = (file: string) => (repairs.has(file) ? ` (${repairs.get(file)})` : '');
  const changes = [
    ...result.created.map((file) => ({ verb: 'create', file })),
    ...result.updated.map((file) => ({ verb: repairs.has(file) ? 'repair' : 'update', file })),
    ...result.deleted.map((file) => ({ verb: 'delete', file })),
  ];

  if (options.dryRun && verbosity !== 'silent') {
    for (const line of (result.diff ?? '').split('\n').filter(Boolean)) {
      out(paintDiffLine(line, colours.out));
    }
  }

  if (check) {
    if (changes.length > 0) {
      err(`${count(changes.length, 'file')} out of date:`);
      for (const { verb, file } of changes) err(`  would ${verb} ${file}${detail(file)}`);
      err('Run "npx generator run" and commit the result.');
    } else if (verbosity !== 'silent') {
      out(`Up to date: ${count(result.unchanged.length, 'file')} checked.`);
    }
    if (verbosity !== 'silent') printOrphans(result, out, colours.out);
    return;
  }
  if (verbosity === 'silent') return;

  const past: Record<string, string> = {
    create: 'created ',
    update: 'updated ',
    repair: 'repaired',
    delete: 'deleted ',
  };
  for (const { verb, file } of changes) {
    out(
      options.dryRun
        ? `  would ${verb} ${file}${detail(file)}`
        : `  ${past[verb]} ${file}${detail(file)}`,
    );
  }
  if (verbosity === 'verbose') {
    for (const file of result.unchanged) out(colours.out.dim(`  unchanged ${file}`));
    if (result.skipped) {
      out('Nothing changed since the last run (generated/manifest.json): generation skipped.');
    }
  }
  printOrphans(result, out, colours.out);

  const totals = [
    `${count(result.created.length, 'file')} created`,
    `${result.updated.length} updated`,
    `${result.unchanged.length} unchanged`,
    ...(result.deleted.length > 0 ? [`${result.deleted.length} deleted`] : []),
    ...(result.orphans.length > 0 ? [`${result.orphans.length} orphaned`] : []),
    count(warnings.length, 'warning'),
  ];
  out(
    options.dryRun
      ? `Dry run, nothing was written: ${totals.join(', ')}.`
      : `${totals.join(', ')}.`,
  );
  for (const note of result.notes) out(note);
}

function printOrphans(result: SummaryInput, out: (line: string) => void, colours: Palette): void {
  for (const orphan of result.orphans) {
    const advice = orphan.prunable
      ? 'It is still the skeleton the generator wrote: delete it, or run with --prune.'
      : 'Delete it once you no longer need its code.';
    out(colours.yellow(`  orphaned ${orphan.file}: ${orphan.reason}. ${advice}`));
  }
}

function paintDiagnostic(item: Diagnostic, colours: Palette): string {
  const text = formatDiagnostic(item);
  const label = ` ${item.severity} `;
  const paint = item.severity === 'error' ? colours.red : colours.yellow;
  return text.replace(label, ` ${paint(item.severity)} `);
}

function paintDiffLine(line: string, colours: Palette): string {
  if (line.startsWith('+++') || line.startsWith('---')) return line;
  if (line.startsWith('+')) return colours.green(line);
  if (line.startsWith('-')) return colours.red(line);
  if (line.startsWith('@@')) return colours.cyan(line);
  return line;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
