import type { VariableDeclaration } from 'ts-morph';

import { isHandlersSpecifier, type Morph } from './findHandler.js';
import type { HandlerTarget } from './repairHandlers.js';
import { retargetHandlersImport, type FileRepair } from './repairTypeScript.js';

/**
 * Brings the JSDoc type of a JavaScript handler up to date:
 * `@type {import('../generated/handlers.js').XHandler}`, its path and its type name. A handler
 * without a `@type` tag gets one on a line of its own above the declaration, so that the user's
 * own comment is never edited. A `@type` naming something else is left as it is and reported.
 */
export function repairJsDoc(
  morph: Morph,
  declaration: VariableDeclaration,
  target: HandlerTarget,
  eol: string,
): FileRepair {
  const { Node } = morph;
  const repair: FileRepair = { edits: [], changes: [] };
  const statement = declaration.getVariableStatementOrThrow();
  const tag = statement
    .getJsDocs()
    .flatMap((doc) => doc.getTags())
    .filter((item) => Node.isJSDocTypeTag(item))
    .at(-1);

  if (!tag) {
    const text = statement.getSourceFile().getFullText();
    const start = statement.getStart();
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0] ?? '';
    const type = `import('${target.handlersImport}').${target.handlerType}`;
    repair.edits.push({ start, end: start, text: `/** @type {${type}} */${eol}${indent}` });
    repair.changes.push(`added the type ${target.handlerType}`);
    return repair;
  }

  const typeNode = tag.getTypeExpression()?.getTypeNode();
  const argument = typeNode && Node.isImportTypeNode(typeNode) ? typeNode.getArgument() : undefined;
  const literal = argument && Node.isLiteralTypeNode(argument) ? argument.getLiteral() : undefined;
  const qualifier =
    typeNode && Node.isImportTypeNode(typeNode) ? typeNode.getQualifier() : undefined;
  if (
    !literal ||
    !Node.isStringLiteral(literal) ||
    !isHandlersSpecifier(literal.getLiteralValue()) ||
    !qualifier ||
    !Node.isIdentifier(qualifier)
  ) {
    const written = typeNode?.getText() ?? tag.getText();
    repair.custom = {
      offset: typeNode?.getStart() ?? tag.getStart(),
      message:
        `The handler "${declaration.getName()}" of "${target.coordinate}" has the JSDoc type ` +
        `"${written}", not the generated "${target.handlerType}", so the generator leaves it ` +
        `as it is. Write "@type {import('${target.handlersImport}').${target.handlerType}}" ` +
        `to have it kept up to date with the schema.`,
    };
    return repair;
  }

  retargetHandlersImport(repair, literal, target);
  if (qualifier.getText() !== target.handlerType) {
    repair.edits.push({
      start: qualifier.getStart(),
      end: qualifier.getEnd(),
      text: target.handlerType,
    });
    repair.changes.push(`type ${qualifier.getText()} → ${target.handlerType}`);
  }
  return repair;
}
