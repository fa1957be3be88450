import { Kind, type ASTNode, type TypeNode } from 'graphql';
import type { Position } from '../report/diagnostic.js';

/** The scalars a Graphcool schema may use. */
export const graphcoolScalars: ReadonlySet<string> = new Set([
  'ID',
  'String',
  'Int',
  'Float',
  'Boolean',
  'DateTime',
  'Json',
]);

/** Where a node starts; the start of the file when the parser kept no location. */
export function positionOf(node: ASTNode | undefined): Position {
  const token = node?.loc?.startToken;
  return token ? { line: token.line, column: token.column } : { line: 1, column: 1 };
}

/** The name inside any list and non-null wrappers, e.g. `User` for `[User!]!`. */
export function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** Whether a type is a list at its outermost level, under an optional non-null. */
export function isListType(type: TypeNode): boolean {
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  return inner.kind === Kind.LIST_TYPE;
}

/** Whether the outermost wrapper is non-null. */
export function isRequiredType(type: TypeNode): boolean {
  return type.kind === Kind.NON_NULL_TYPE;
}
