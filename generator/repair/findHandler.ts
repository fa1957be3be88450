import type * as TsMorph from 'ts-morph';
import type { ImportDeclaration, SourceFile, VariableDeclaration } from 'ts-morph';

import type { HandlerTarget } from './repairHandlers.js';

/** The runtime half of ts-morph that the repair step uses; imported lazily by the caller. */
export type Morph = typeof TsMorph;

/** Where the handler of a file stands, or why the generator cannot tell. */
export type HandlerLookup =
  | { declaration: VariableDeclaration; exported: boolean }
  | { problem: { code: string; offset: number; message: string } };

const handlersModule = /(^|\/)generated\/handlers(\.js|\.ts)?$/;

/** The import declarations of `generated/handlers.js`, whatever relative path they use. */
export function handlersImports(source: SourceFile): ImportDeclaration[] {
  return source
    .getImportDeclarations()
    .filter((declaration) => handlersModule.test(declaration.getModuleSpecifierValue()));
}

/** Whether an import specifier names `generated/handlers`, by whatever relative path. */
export function isHandlersSpecifier(specifier: string): boolean {
  return handlersModule.test(specifier);
}

/**
 * Finds the handler the generator expects in a handler file: the `const` that the file exports
 * by default. A file without a default export may hold one `const` that is clearly the handler
 * (typed with a handler type from generated/handlers.js, or named after the field); it is then
 * returned with `exported: false`. Anything else is a problem the user must resolve: the
 * generator never guesses.
 */
export function findHandler(
  morph: Morph,
  source: SourceFile,
  target: HandlerTarget,
): HandlerLookup {
  const { Node } = morph;
  const example = handlerExample(target);

  for (const statement of source.getStatements()) {
    let name: string | undefined;
    if (Node.isExportAssignment(statement) && !statement.isExportEquals()) {
      const expression = statement.getExpression();
      if (!Node.isIdentifier(expression)) {
        return notConst(target, statement.getStart(), example);
      }
      name = expression.getText();
    } else if (Node.isExportDeclaration(statement)) {
      const specifier = statement
        .getNamedExports()
        .find((item) => (item.getAliasNode()?.getText() ?? item.getName()) === 'default');
      if (!specifier) continue;
      if (statement.getModuleSpecifier()) {
        return notConst(target, statement.getStart(), example);
      }
      name = specifier.getName();
    } else if (
      (Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) &&
      statement.isDefaultExport()
    ) {
      return notConst(target, statement.getStart(), example);
    } else {
      continue;
    }

    const declaration = source.getVariableDeclaration(name);
    if (!declaration) {
      return notConst(target, statement.getStart(), example, name);
    }
    return { declaration, exported: true };
  }

  const candidates = source
    .getVariableStatements()
    .flatMap((statement) => statement.getDeclarations())
    .filter((declaration) => looksLikeHandler(morph, declaration, target));
  if (candidates.length === 1) {
    return { declaration: candidates[0]!, exported: false };
  }
  if (candidates.length === 0) {
    return {
      problem: {
        code: 'HANDLER_NOT_FOUND',
        offset: 0,
        message:
          `The handler of "${target.coordinate}" was not found in "${target.file}": the file has ` +
          `no default export, and no const named "${target.fieldName}" or typed ` +
          `"${target.handlerType}". Write the handler as ${example}.`,
      },
    };
  }
  const names = candidates.map((declaration) => `"${declaration.getName()}"`).join(', ');
  return {
    problem: {
      code: 'HANDLER_AMBIGUOUS',
      offset: candidates[1]!.getStart(),
      message:
        `"${target.file}" has no default export, and several consts could be the handler of ` +
        `"${target.coordinate}" (${names}). Export the handler: "export default <name>;".`,
    },
  };
}

/** A const typed with a type from generated/handlers.js, or named after the field. */
function looksLikeHandler(morph: Morph, declaration: VariableDeclaration, target: HandlerTarget) {
  if (declaration.getName() === target.fieldName) return true;
  if (target.language === 'js') {
    return declaration
      .getVariableStatementOrThrow()
      .getJsDocs()
      .some((doc) => /generated\/handlers/.test(doc.getText()));
  }
  const typeNode = declaration.getTypeNode();
  if (!typeNode || !morph.Node.isTypeReference(typeNode)) return false;
  const typeName = typeNode.getTypeName().getText();
  return handlersImports(declaration.getSourceFile()).some((imported) =>
    imported
      .getNamedImports()
      .some((item) => (item.getAliasNode()?.getText() ?? item.getName()) === typeName),
  );
}

function notConst(
  target: HandlerTarget,
  offset: number,
  example: string,
  name?: string,
): HandlerLookup {
  const what = name
    ? `exports "${name}" by default, which is not a const declared in this file`
    : 'exports by default something other than a const declared in this file';
  return {
    problem: {
      code: 'HANDLER_NOT_CONST',
      offset,
      message:
        `"${target.file}" ${what}, so the generator cannot keep the type of the handler of ` +
        `"${target.coordinate}" up to date. Write the handler as ${example}.`,
    },
  };
}

function handlerExample(target: HandlerTarget): string {
  const name = target.fieldName;
  return target.language === 'ts'
    ? `"const ${name}: ${target.handlerType} = async (args, ctx) => { ... };" followed by ` +
        `"export default ${name};"`
    : `"/** @type {import('${target.handlersImport}').${target.handlerType}} */ const ${name} = ` +
        `async (args, ctx) => { ... };" followed by "export default ${name};"`;
}
