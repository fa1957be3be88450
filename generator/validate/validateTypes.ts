import {
  Kind,
  print,
  type DirectiveNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import type { SourceFile } from '../load/loadSources.js';
import type { Diagnostics } from '../report/diagnostic.js';
import { graphcoolScalars, isListType, namedTypeOf, positionOf } from './astHelpers.js';
import { validateStorage } from './validateStorage.js';

/** A definition of the types files, with the file it stands in. */
export interface Declared<T> {
  file: string;
  node: T;
}

/** The `@model` types and enums of the types files, once they passed Graphcool's rules. */
export interface CheckedTypes {
  models: Declared<ObjectTypeDefinitionNode>[];
  enums: Declared<EnumTypeDefinitionNode>[];
  /** The names of `models`, for the checks of every extension file. */
  modelNames: ReadonlySet<string>;
  /** The names of `enums`. */
  enumNames: ReadonlySet<string>;
}

const knownFieldDirectives = new Set([
  'isUnique',
  'relation',
  'defaultValue',
  'migrationValue',
  'rename',
]);

const typeDirectives = new Set(['model', 'rename']);

const systemFieldTypes: Record<string, string> = {
  id: 'ID!',
  createdAt: 'DateTime!',
  updatedAt: 'DateTime!',
};

/**
 * Checks the types files against Graphcool's rules: only `@model` object types and enums; every
 * model has `id: ID! @isUnique`; field types exist; model-typed fields carry `@relation`, and the
 * two fields of a relation point at each other's models. Then the rules of storage: values,
 * renames and table names (see `validateStorage`).
 */
export function validateTypes(typeFiles: SourceFile[], diagnostics: Diagnostics): CheckedTypes {
  const models: Declared<ObjectTypeDefinitionNode>[] = [];
  const enums: Declared<EnumTypeDefinitionNode>[] = [];
  const seen = new Map<string, string>();

  for (const { file, document } of typeFiles) {
    for (const definition of document.definitions) {
      if (
        definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.ENUM_TYPE_DEFINITION
      ) {
        const name = definition.name.value;
        const first = seen.get(name);
        if (first) {
          diagnostics.error(
            'DUPLICATE_TYPE',
            file,
            positionOf(definition.name),
            `Type "${name}" is declared twice (first in ${first}). Rename or remove one of them.`,
          );
          continue;
        }
        seen.set(name, file);
        if (definition.kind === Kind.ENUM_TYPE_DEFINITION) enums.push({ file, node: definition });
        else models.push({ file, node: definition });
        continue;
      }
      diagnostics.error(
        'UNSUPPORTED_DEFINITION',
        file,
        positionOf(definition),
        `A types file may only declare "type X @model { ... }" and enums; this ` +
          `${describeKind(definition.kind)} is not supported. ` +
          'Move it into an extension file or remove it.',
      );
    }
  }

  const modelNames = new Set(models.map((model) => model.node.name.value));
  const enumNames = new Set(enums.map((item) => item.node.name.value));
  for (const model of models) checkModel(model, modelNames, enumNames, diagnostics);
  checkRelations(models, diagnostics);
  validateStorage(models, enums, diagnostics);
  return { models, enums, modelNames, enumNames };
}

function checkModel(
  { file, node }: Declared<ObjectTypeDefinitionNode>,
  modelNames: Set<string>,
  enumNames: Set<string>,
  diagnostics: Diagnostics,
): void {
  const name = node.name.value;
  if (!node.directives?.some((directive) => directive.name.value === 'model')) {
    diagnostics.error(
      'MISSING_MODEL_DIRECTIVE',
      file,
      positionOf(node.name),
      `Type "${name}" has no @model directive. Every type in a types file is stored: write ` +
        `"type ${name} @model { ... }", or move the type into an extension file.`,
    );
  }
  for (const directive of node.directives ?? []) {
    if (!typeDirectives.has(directive.name.value))
      warnUnknownDirective(file, directive, `type "${name}"`, diagnostics);
  }

  const fields = node.fields ?? [];
  const id = fields.find((field) => field.name.value === 'id');
  if (!id) {
    diagnostics.error(
      'MISSING_ID_FIELD',
      file,
      positionOf(node.name),
      `Model "${name}" has no "id" field. Add "id: ID! @isUnique" as its first field.`,
    );
  } else if (!id.directives?.some((directive) => directive.name.value === 'isUnique')) {
    diagnostics.error(
      'INVALID_SYSTEM_FIELD',
      file,
      positionOf(id),
      `Field "${name}.id" must be "id: ID! @isUnique". Add @isUnique.`,
    );
  }

  checkForeignKeyNames(file, name, fields, modelNames, diagnostics);
  const fieldNames = new Set<string>();
  for (const field of fields) {
    const fieldName = field.name.value;
    if (fieldNames.has(fieldName)) {
      diagnostics.error(
        'DUPLICATE_FIELD',
        file,
        positionOf(field.name),
        `Model "${name}" declares field "${fieldName}" twice. Remove one of them.`,
      );
      continue;
    }
    fieldNames.add(fieldName);
    checkField(file, name, field, modelNames, enumNames, diagnostics);
  }
}

/** A single-valued relation field `x` is stored in a column `xId`, which no field may take. */
function checkForeignKeyNames(
  file: string,
  modelName: string,
  fields: readonly FieldDefinitionNode[],
  modelNames: Set<string>,
  diagnostics: Diagnostics,
): void {
  const names = new Set(fields.map((field) => field.name.value));
  for (const field of fields) {
    if (!modelNames.has(namedTypeOf(field.type)) || isListType(field.type)) continue;
    const column = `${field.name.value}Id`;
    if (!names.has(column)) continue;
    diagnostics.error(
      'RELATION_COLUMN_CLASH',
      file,
      positionOf(field.name),
      `Relation field "${modelName}.${field.name.value}" is stored in a column "${column}", ` +
        `which field "${modelName}.${column}" already takes. Rename one of the two fields.`,
    );
  }
}

function checkField(
  file: string,
  modelName: string,
  field: FieldDefinitionNode,
  modelNames: Set<string>,
  enumNames: Set<string>,
  diagnostics: Diagnostics,
): void {
  const fieldName = field.name.value;
  const typeName = namedTypeOf(field.type);
  const expectedSystemType = systemFieldTypes[fieldName];
  if (expectedSystemType && print(field.type) !== expectedSystemType) {
    diagnostics.error(
      'INVALID_SYSTEM_FIELD',
      file,
      positionOf(field.type),
      `Field "${modelName}.${fieldName}" is kept by the data layer and must have type ` +
        `"${expectedSystemType}", not "${print(field.type)}".`,
    );
  }
  for (const directive of field.directives ?? []) {
    warnUnknownDirective(file, directive, `field "${modelName}.${fieldName}"`, diagnostics);
  }

  const relation = field.directives?.find((directive) => directive.name.value === 'relation');
  if (modelNames.has(typeName)) {
    if (!relation || relationNameOf(relation) === undefined) {
      diagnostics.error(
        'MISSING_RELATION_DIRECTIVE',
        file,
        positionOf(field.name),
        `Field "${modelName}.${fieldName}" points at model "${typeName}" and needs ` +
          `@relation(name: "...") naming the relation, on both of its fields.`,
      );
    }
    return;
  }
  if (relation) {
    diagnostics.error(
      'INVALID_RELATION',
      file,
      positionOf(relation),
      `Field "${modelName}.${fieldName}" has @relation but its type "${typeName}" is not a ` +
        `model. Remove @relation or point the field at a @model type.`,
    );
  }
  if (!graphcoolScalars.has(typeName) && !enumNames.has(typeName)) {
    diagnostics.error(
      'UNKNOWN_TYPE',
      file,
      positionOf(field.type),
      `Field "${modelName}.${fieldName}" has type "${typeName}", which is neither a scalar ` +
        `(${[...graphcoolScalars].join(', ')}), an enum nor a model of the types files.`,
    );
  }
}

function checkRelations(
  models: Declared<ObjectTypeDefinitionNode>[],
  diagnostics: Diagnostics,
): void {
  const byName = new Map<string, { file: string; model: string; field: FieldDefinitionNode }[]>();
  const modelNames = new Set(models.map((model) => model.node.name.value));
  for (const { file, node } of models) {
    for (const field of node.fields ?? []) {
      const directive = field.directives?.find((item) => item.name.value === 'relation');
      const relationName = directive && relationNameOf(directive);
      if (!relationName || !modelNames.has(namedTypeOf(field.type))) continue;
      const ends = byName.get(relationName) ?? [];
      ends.push({ file, model: node.name.value, field });
      byName.set(relationName, ends);
    }
  }

  for (const [relationName, ends] of byName) {
    const [first, second, third] = ends;
    if (third) {
      diagnostics.error(
        'RELATION_TOO_MANY_FIELDS',
        third.file,
        positionOf(third.field),
        `Relation "${relationName}" is used by more than two fields. ` +
          'Give each relation its own name.',
      );
      continue;
    }
    if (!first || !second) continue;
    const firstTarget = namedTypeOf(first.field.type);
    const secondTarget = namedTypeOf(second.field.type);
    if (firstTarget !== second.model || secondTarget !== first.model) {
      diagnostics.error(
        'RELATION_MISMATCH',
        second.file,
        positionOf(second.field),
        `The fields of relation "${relationName}" must point at each other's models: ` +
          `"${first.model}.${first.field.name.value}" is a "${firstTarget}" and ` +
          `"${second.model}.${second.field.name.value}" is a "${secondTarget}".`,
      );
    }
  }
}

/** The `name` argument of a `@relation` directive, when it is a string. */
export function relationNameOf(directive: DirectiveNode): string | undefined {
  const argument = directive.arguments?.find((item) => item.name.value === 'name');
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

function warnUnknownDirective(
  file: string,
  directive: DirectiveNode,
  owner: string,
  diagnostics: Diagnostics,
): void {
  const name = directive.name.value;
  if (knownFieldDirectives.has(name) || name === 'model') return;
  const hint = name === 'default' ? ' Did you mean @defaultValue(value: ...)?' : '';
  diagnostics.warning(
    'UNKNOWN_DIRECTIVE',
    file,
    positionOf(directive),
    `Directive "@${name}" on ${owner} is not a Graphcool directive and is ignored.${hint}`,
  );
}

function describeKind(kind: Kind): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
