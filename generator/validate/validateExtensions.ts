import {
  Kind,
  type DefinitionNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import type { LoadedFunction } from '../load/loadSources.js';
import type { Diagnostics } from '../report/diagnostic.js';
import { graphcoolScalars, namedTypeOf, positionOf } from './astHelpers.js';
import {
  checkMisplacedAuthDirectives,
  readFieldAccess,
  withoutAuthDirectives,
  type FieldAccess,
} from './validateAuthDirectives.js';
import type { CheckedTypes } from './validateTypes.js';

/** A type an extension file declares for its own field. */
export type LocalType =
  ObjectTypeDefinitionNode | EnumTypeDefinitionNode | InputObjectTypeDefinitionNode;

/** A resolver function whose extension file passed the rules. */
export interface CheckedFunction {
  loaded: LoadedFunction;
  operation: 'Query' | 'Mutation';
  /** The extension field, without its auth directives. */
  field: FieldDefinitionNode;
  payload: ObjectTypeDefinitionNode;
  localTypes: LocalType[];
  /** Who may call the field (`@requireAuth`, `@requireRoot`); absent: anyone. */
  access?: FieldAccess;
}

/**
 * Checks one extension file: it extends Query or Mutation with exactly one field, the field
 * returns an object type declared in the same file, every argument and payload field has a
 * type the server can serve (no `@model` type, and never a password), and its auth directives
 * (`@requireAuth`, `@requireRoot`) are well formed.
 */
export function validateExtension(
  loaded: LoadedFunction,
  types: CheckedTypes,
  diagnostics: Diagnostics,
): CheckedFunction | undefined {
  const { file, document } = loaded.schema;
  const localTypes: LocalType[] = [];
  const extensionFields: { operation: 'Query' | 'Mutation'; field: FieldDefinitionNode }[] = [];

  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      const extended = definition.name.value;
      if (extended !== 'Query' && extended !== 'Mutation') {
        diagnostics.error(
          'UNSUPPORTED_EXTENSION',
          file,
          positionOf(definition.name),
          `An extension file may only extend Query or Mutation, not "${extended}".` +
            (extended === 'Subscription' ? ' Subscriptions are not supported yet.' : ''),
        );
        continue;
      }
      for (const field of definition.fields ?? [])
        extensionFields.push({ operation: extended, field });
      continue;
    }
    if (isLocalType(definition)) {
      if (definition.name.value === 'Query' || definition.name.value === 'Mutation') {
        diagnostics.error(
          'UNSUPPORTED_DEFINITION',
          file,
          positionOf(definition.name),
          `Write "extend type ${definition.name.value}" to add a field; an extension file cannot ` +
            `declare the root type itself.`,
        );
        continue;
      }
      localTypes.push(definition);
      continue;
    }
    diagnostics.error(
      'UNSUPPORTED_DEFINITION',
      file,
      positionOf(definition),
      `An extension file may declare object types, enums and input types, and extend Query or ` +
        `Mutation; remove this definition.`,
    );
  }

  const [first, second] = extensionFields;
  checkMisplacedAuthDirectives(file, document, first?.field, diagnostics);
  if (!first) {
    diagnostics.error(
      'MISSING_EXTENSION_FIELD',
      file,
      { line: 1, column: 1 },
      `Function "${loaded.config.name}" needs its schema file to extend Query or Mutation with ` +
        `one field, e.g. "extend type Mutation { ${loaded.config.name}(...): Payload }".`,
    );
    return undefined;
  }
  if (second) {
    diagnostics.error(
      'TOO_MANY_EXTENSION_FIELDS',
      file,
      positionOf(second.field.name),
      'A schema file adds exactly one field, but this one also adds ' +
        `"${second.field.name.value}". Give it a function and schema file of its own.`,
    );
    return undefined;
  }

  const local = new Map(localTypes.map((type) => [type.name.value, type]));
  const payloadName = namedTypeOf(first.field.type);
  const payload = local.get(payloadName);
  if (!payload || payload.kind !== Kind.OBJECT_TYPE_DEFINITION) {
    diagnostics.error(
      'PAYLOAD_NOT_IN_FILE',
      file,
      positionOf(first.field.type),
      `Field "${first.operation}.${first.field.name.value}" returns "${payloadName}", which ` +
        `must be an object type declared in this file. Add "type ${payloadName} { ... }" here.`,
    );
    return undefined;
  }

  const fieldLabel = `${first.operation}.${first.field.name.value}`;
  const access = readFieldAccess(file, fieldLabel, first.field, types.modelNames, diagnostics);
  const ok = checkReferences(file, fieldLabel, first.field, localTypes, types, diagnostics);
  if (!ok || access === null) return undefined;
  return {
    loaded,
    operation: first.operation,
    field: withoutAuthDirectives(first.field),
    payload,
    localTypes,
    ...(access && { access }),
  };
}

function isLocalType(definition: DefinitionNode): definition is LocalType {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.ENUM_TYPE_DEFINITION ||
    definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION
  );
}

/** Checks argument and payload types; returns false when any error was reported. */
function checkReferences(
  file: string,
  fieldLabel: string,
  field: FieldDefinitionNode,
  localTypes: LocalType[],
  types: CheckedTypes,
  diagnostics: Diagnostics,
): boolean {
  const before = diagnostics.items.length;
  const local = new Map(localTypes.map((type) => [type.name.value, type]));
  const { enumNames: enums, modelNames: models } = types;
  const isKnownLeaf = (name: string) =>
    graphcoolScalars.has(name) ||
    enums.has(name) ||
    local.get(name)?.kind === Kind.ENUM_TYPE_DEFINITION;

  for (const argument of field.arguments ?? []) {
    const name = namedTypeOf(argument.type);
    if (isKnownLeaf(name) || local.get(name)?.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
    diagnostics.error(
      'UNKNOWN_TYPE',
      file,
      positionOf(argument.type),
      `Argument "${argument.name.value}" of "${fieldLabel}" has type "${name}", which is not a ` +
        `scalar, an enum, or an input type declared in this file.`,
    );
  }

  for (const type of localTypes) {
    if (type.kind === Kind.ENUM_TYPE_DEFINITION) continue;
    for (const member of type.fields ?? []) {
      const name = namedTypeOf(member.type);
      const label = `"${type.name.value}.${member.name.value}"`;
      if (type.kind === Kind.OBJECT_TYPE_DEFINITION && member.name.value === 'password') {
        diagnostics.error(
          'PASSWORD_IN_PAYLOAD',
          file,
          positionOf(member.name),
          `Field ${label} would send a password to clients. Remove it from the payload.`,
        );
      }
      if (models.has(name)) {
        diagnostics.error(
          'MODEL_IN_PAYLOAD',
          file,
          positionOf(member.type),
          `Field ${label} has the @model type "${name}", which the server does not expose yet. ` +
            `Return its id (ID) or the fields you need instead.`,
        );
        continue;
      }
      const expected =
        type.kind === Kind.OBJECT_TYPE_DEFINITION
          ? Kind.OBJECT_TYPE_DEFINITION
          : Kind.INPUT_OBJECT_TYPE_DEFINITION;
      if (isKnownLeaf(name) || local.get(name)?.kind === expected) continue;
      diagnostics.error(
        'UNKNOWN_TYPE',
        file,
        positionOf(member.type),
        `Field ${label} has type "${name}", which is not a scalar, an enum, or a type declared ` +
          'in this file.',
      );
    }
  }
  return diagnostics.items.length === before;
}
