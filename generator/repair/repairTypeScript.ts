import { posix } from 'node:path';

import type { ImportDeclaration, ImportSpecifier, SourceFile, VariableDeclaration } from 'ts-morph';

import { handlersImports, type Morph } from './findHandler.js';
import type { HandlerTarget } from './repairHandlers.js';
import type { TextEdit } from './textEdit.js';

/** The edits one handler file needs, what each one does, and what was left alone and why. */
export interface FileRepair {
  edits: TextEdit[];
  changes: string[];
  /** A part the generator would own but that the user changed into something it cannot read. */
  custom?: { offset: number; message: string };
}

/**
 * Brings the generator-owned parts of a TypeScript handler up to date: the path of every import
 * of generated/handlers.js, the handler's type annotation (`const x: XHandler`), and the import
 * of that type. An annotation the user wrote with a type of their own is left as it is and
 * reported. No other character of the file changes.
 */
export function repairTypeScript(
  morph: Morph,
  source: SourceFile,
  declaration: VariableDeclaration,
  target: HandlerTarget,
  eol: string,
): FileRepair {
  const { Node } = morph;
  const repair: FileRepair = { edits: [], changes: [] };
  const imports = handlersImports(source);
  const specifiers = imports.flatMap((imported) => imported.getNamedImports());
  const localName = (item: ImportSpecifier) => item.getAliasNode()?.getText() ?? item.getName();
  const expected = specifiers.find((item) => item.getName() === target.handlerType);
  const expectedLocal = expected ? localName(expected) : target.handlerType;
  const removed = new Set<ImportSpecifier>();
  let needsImport = false;

  const typeNode = declaration.getTypeNode();
  const nameNode = declaration.getNameNode();
  if (!typeNode) {
    needsImport = !expected;
    repair.edits.push({
      start: nameNode.getEnd(),
      end: nameNode.getEnd(),
      text: `: ${expectedLocal}`,
    });
    repair.changes.push(`added the type ${target.handlerType}`);
  } else if (
    Node.isTypeReference(typeNode) &&
    Node.isIdentifier(typeNode.getTypeName()) &&
    typeNode.getTypeArguments().length === 0
  ) {
    const local = typeNode.getTypeName().getText();
    const binding = specifiers.find((item) => localName(item) === local);
    const annotate = (text: string) => {
      if (text !== local) {
        repair.edits.push({ start: typeNode.getStart(), end: typeNode.getEnd(), text });
      }
    };
    if (binding && binding.getName() !== target.handlerType) {
      const usedElsewhere = otherReferences(morph, source, local, typeNode.getStart()) > 0;
      if (!expected && !usedElsewhere) {
        const name = binding.getNameNode();
        repair.edits.push({ start: name.getStart(), end: name.getEnd(), text: target.handlerType });
        if (!binding.getAliasNode()) annotate(target.handlerType);
      } else {
        needsImport = !expected;
        annotate(expectedLocal);
        if (!usedElsewhere) removed.add(binding);
      }
      repair.changes.push(`type ${binding.getName()} → ${target.handlerType}`);
    } else if (!binding && isDeclaredLocally(source, local)) {
      repair.custom = customAnnotation(
        declaration,
        typeNode.getText(),
        typeNode.getStart(),
        target,
      );
    } else if (!binding) {
      needsImport = !expected;
      annotate(expectedLocal);
      if (local !== expectedLocal) repair.changes.push(`type ${local} → ${target.handlerType}`);
    }
  } else {
    repair.custom = customAnnotation(declaration, typeNode.getText(), typeNode.getStart(), target);
  }

  for (const imported of imports) {
    importEdits(imported, removed, target, eol, repair);
  }
  if (needsImport) {
    addImport(source, imports, removed, target, eol, repair);
    repair.changes.push(`imported ${target.handlerType}`);
  }
  return repair;
}

/** Fixes the path of one import of generated/handlers.js and drops specifiers now unused. */
function importEdits(
  imported: ImportDeclaration,
  removed: ReadonlySet<ImportSpecifier>,
  target: HandlerTarget,
  eol: string,
  repair: FileRepair,
): void {
  const named = imported.getNamedImports();
  const kept = named.filter((item) => !removed.has(item));
  if (kept.length === 0 && named.length > 0 && !imported.getDefaultImport()) {
    const start = imported.getStart();
    const text = imported.getSourceFile().getFullText();
    const end = text.startsWith(eol, imported.getEnd())
      ? imported.getEnd() + eol.length
      : imported.getEnd();
    repair.edits.push({ start, end, text: '' });
    return;
  }
  named.forEach((item, index) => {
    if (!removed.has(item)) return;
    const next = named[index + 1];
    const previous = named[index - 1];
    if (next) {
      repair.edits.push({ start: item.getStart(), end: next.getStart(), text: '' });
    } else if (previous) {
      repair.edits.push({ start: previous.getEnd(), end: item.getEnd(), text: '' });
    }
  });

  retargetHandlersImport(repair, imported.getModuleSpecifier(), target);
}

/**
 * Imports the handler type: into an existing import of generated/handlers.js that has named
 * bindings, or as a new `import type` line after the last import (at the top without one).
 */
function addImport(
  source: SourceFile,
  imports: readonly ImportDeclaration[],
  removed: ReadonlySet<ImportSpecifier>,
  target: HandlerTarget,
  eol: string,
  repair: FileRepair,
): void {
  const withNames = imports.find((imported) =>
    imported.getNamedImports().some((item) => !removed.has(item)),
  );
  if (withNames) {
    const last = withNames.getNamedImports().at(-1)!;
    const typeModifier = withNames.isTypeOnly() ? '' : 'type ';
    repair.edits.push({
      start: last.getEnd(),
      end: last.getEnd(),
      text: `, ${typeModifier}${target.handlerType}`,
    });
    return;
  }

  const line = `import type { ${target.handlerType} } from '${target.handlersImport}';`;
  const lastImport = source.getImportDeclarations().at(-1);
  if (lastImport) {
    repair.edits.push({ start: lastImport.getEnd(), end: lastImport.getEnd(), text: eol + line });
    return;
  }
  const text = source.getFullText();
  const start = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  repair.edits.push({ start, end: start, text: `${line}${eol}${eol}` });
}

/** A string literal in the source: the module path of an import or of an `import()` type. */
interface PathLiteral {
  getLiteralValue(): string;
  getStart(): number;
  getEnd(): number;
}

/**
 * Points a module path at generated/handlers.js when it does not reach it from the file (after
 * the handler moved), editing only the characters between the quotes.
 */
export function retargetHandlersImport(
  repair: FileRepair,
  literal: PathLiteral,
  target: HandlerTarget,
): void {
  const specifier = literal.getLiteralValue();
  if (reachesHandlers(target.file, specifier)) return;
  repair.edits.push({
    start: literal.getStart() + 1,
    end: literal.getEnd() - 1,
    text: target.handlersImport,
  });
  repair.changes.push(`import path '${specifier}' → '${target.handlersImport}'`);
}

/**
 * Whether a relative specifier written in `file` reaches generated/handlers; a bare or aliased
 * specifier is the user's configuration and is trusted.
 */
export function reachesHandlers(file: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) return true;
  const resolved = posix.normalize(posix.join(posix.dirname(file), specifier));
  return /^generated\/handlers(\.js|\.ts)?$/.test(resolved);
}

/** References to `name` other than import bindings and the annotation at `annotationStart`. */
function otherReferences(
  morph: Morph,
  source: SourceFile,
  name: string,
  annotationStart: number,
): number {
  return source
    .getDescendantsOfKind(morph.SyntaxKind.Identifier)
    .filter(
      (identifier) =>
        identifier.getText() === name &&
        identifier.getStart() !== annotationStart &&
        !identifier.getFirstAncestorByKind(morph.SyntaxKind.ImportDeclaration),
    ).length;
}

/** Whether a type name is the user's own: imported from another module or declared here. */
function isDeclaredLocally(source: SourceFile, name: string): boolean {
  const imported = source.getImportDeclarations().some((declaration) => {
    const bindings = [
      declaration.getDefaultImport()?.getText(),
      declaration.getNamespaceImport()?.getText(),
      ...declaration
        .getNamedImports()
        .map((item) => item.getAliasNode()?.getText() ?? item.getName()),
    ];
    return bindings.includes(name);
  });
  return (
    imported ||
    Boolean(
      source.getTypeAlias(name) ??
      source.getInterface(name) ??
      source.getClass(name) ??
      source.getEnum(name),
    )
  );
}

function customAnnotation(
  declaration: VariableDeclaration,
  written: string,
  offset: number,
  target: HandlerTarget,
): { offset: number; message: string } {
  const name = declaration.getName();
  return {
    offset,
    message:
      `The handler "${name}" of "${target.coordinate}" is typed "${written}", not with the ` +
      `generated "${target.handlerType}", so the generator leaves its type as it is. Write ` +
      `"const ${name}: ${target.handlerType}" to have it kept up to date with the schema.`,
  };
}
