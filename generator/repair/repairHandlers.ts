import { posix } from 'node:path';

import { functionView, moduleSpecifier } from '../emit/templateData.js';
import type { ResolverFunction } from '../model/project.js';
import { positionAt, type Diagnostic } from '../report/diagnostic.js';
import { findHandler } from './findHandler.js';
import { repairJsDoc } from './repairJsDoc.js';
import { repairTypeScript, type FileRepair } from './repairTypeScript.js';
import { applyEdits, lineEnding } from './textEdit.js';

/** An existing handler file and what the schema says it must hold. */
export interface HandlerTarget {
  /** Project-relative path, POSIX separators. */
  file: string;
  /** The file as read from disk. */
  text: string;
  language: 'ts' | 'js';
  /** The field name, which a handler const is named after in the skeleton. */
  fieldName: string;
  /** `Mutation.signupUser`. */
  coordinate: string;
  /** `SignupUserHandler`. */
  handlerType: string;
  /** The specifier of generated/handlers.js from the file's folder. */
  handlersImport: string;
}

/** A handler file whose generator-owned parts changed. */
export interface RepairedHandler {
  file: string;
  /** The whole new text: the old one with only the repaired ranges replaced. */
  content: string;
  /** One short phrase per change, e.g. `type SignupUserHandler → RegisterUserHandler`. */
  changes: string[];
}

/** What the repair step found. Any error diagnostic means the run must write nothing. */
export interface RepairResult {
  repaired: RepairedHandler[];
  /** Files that needed nothing and hold nothing the generator had to leave alone. */
  clean: string[];
  diagnostics: Diagnostic[];
}

/** The repair target of a resolver function whose handler file exists. */
export function handlerTarget(fn: ResolverFunction, text: string): HandlerTarget {
  const view = functionView(fn);
  return {
    file: fn.handlerFile,
    text,
    language: fn.language,
    fieldName: fn.fieldName,
    coordinate: view.coordinate,
    handlerType: view.handlerType,
    handlersImport: moduleSpecifier(posix.dirname(fn.handlerFile), 'generated/handlers.ts'),
  };
}

/**
 * Repairs existing handler files: parses each one with ts-morph (imported here, on first use),
 * finds its handler and brings up to date what the generator owns (the type annotation or JSDoc
 * type, the import of the handler type, a missing default export), editing by text range so
 * that every other character stays as it was. A file that does not parse, or whose handler
 * cannot be found, is an error located in that file; nothing is guessed.
 */
export async function repairHandlers(targets: readonly HandlerTarget[]): Promise<RepairResult> {
  const result: RepairResult = { repaired: [], clean: [], diagnostics: [] };
  if (targets.length === 0) return result;

  const morph = await import('ts-morph');
  const project = new morph.Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { allowJs: true, noLib: true, noResolve: true },
  });
  const sources = targets.map((target) => ({
    target,
    source: project.createSourceFile(target.file, target.text, { overwrite: true }),
  }));
  const program = project.getProgram();

  for (const { target, source } of sources) {
    const syntax = program.getSyntacticDiagnostics(source)[0];
    if (syntax) {
      const message = morph.ts.flattenDiagnosticMessageText(syntax.compilerObject.messageText, ' ');
      result.diagnostics.push(
        error(target, 'HANDLER_SYNTAX', syntax.getStart() ?? 0, syntaxAdvice(message)),
      );
      continue;
    }

    const lookup = findHandler(morph, source, target);
    if ('problem' in lookup) {
      const { code, offset, message } = lookup.problem;
      result.diagnostics.push(error(target, code, offset, message));
      continue;
    }

    const eol = lineEnding(target.text);
    const repair: FileRepair =
      target.language === 'ts'
        ? repairTypeScript(morph, source, lookup.declaration, target, eol)
        : repairJsDoc(morph, lookup.declaration, target, eol);
    if (!lookup.exported) {
      repair.edits.push(defaultExport(target.text, lookup.declaration.getName(), eol));
      repair.changes.push(`added "export default ${lookup.declaration.getName()}"`);
    }
    if (repair.custom) {
      const at = positionAt(target.text, repair.custom.offset);
      result.diagnostics.push({
        severity: 'warning',
        code: 'HANDLER_TYPE_CUSTOM',
        file: target.file,
        ...at,
        message: repair.custom.message,
      });
    }

    if (repair.edits.length > 0) {
      const content = applyEdits(target.text, repair.edits);
      result.repaired.push({ file: target.file, content, changes: repair.changes });
    } else if (!repair.custom) {
      result.clean.push(target.file);
    }
  }
  return result;
}

/** `export default name;` on a line of its own at the end of the file. */
function defaultExport(text: string, name: string, eol: string) {
  const before = text.length === 0 || text.endsWith('\n') ? eol : `${eol}${eol}`;
  return { start: text.length, end: text.length, text: `${before}export default ${name};${eol}` };
}

function syntaxAdvice(message: string): string {
  const sentence = message.endsWith('.') ? message : `${message}.`;
  return (
    `${sentence} The generator repairs a handler file only when it can parse it: fix the ` +
    `syntax and run again.`
  );
}

function error(target: HandlerTarget, code: string, offset: number, message: string): Diagnostic {
  const at = positionAt(target.text, offset);
  return { severity: 'error', code, file: target.file, line: at.line, column: at.column, message };
}
