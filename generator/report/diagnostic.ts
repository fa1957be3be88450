/** A problem found in the user's project, located in one of its files. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable identifier of the rule, e.g. `MISSING_MODEL_DIRECTIVE`. */
  code: string;
  /** Project-relative path, POSIX separators. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** One or two sentences: what is wrong, with names in quotes, and what to do. */
  message: string;
}

/** A position in a file, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** The start of a file, for problems that belong to a whole file. */
export const fileStart: Position = { line: 1, column: 1 };

/** Collects the diagnostics of one run, so that every error of a project is reported at once. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(code: string, file: string, at: Position, message: string): void {
    this.items.push({ severity: 'error', code, file, line: at.line, column: at.column, message });
  }

  warning(code: string, file: string, at: Position, message: string): void {
    this.items.push({ severity: 'warning', code, file, line: at.line, column: at.column, message });
  }

  get hasErrors(): boolean {
    return this.items.some((item) => item.severity === 'error');
  }

  /** The diagnostics ordered by file, position and code, so that output is stable. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(
      (a, b) =>
        compareText(a.file, b.file) ||
        a.line - b.line ||
        a.column - b.column ||
        compareText(a.code, b.code),
    );
  }
}

/** Renders a diagnostic the way compilers do, so editors and terminals can link to it. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const { file, line, column, severity, code, message } = diagnostic;
  return `${file}:${line}:${column} ${severity} ${code} ${message}`;
}

/** Compares strings by code unit, so that sorted output is the same under every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Thrown by a step that finds a problem in a user's file while it cannot go on, e.g. a
 * package.json that is not JSON. `run` reports the diagnostic like any other and writes nothing.
 */
export class DiagnosticError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
    this.name = 'DiagnosticError';
  }
}

/** The 1-based line and column of a character offset in a text. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}
