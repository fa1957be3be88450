import {
  Kind,
  type DirectiveNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import type { Diagnostics } from '../report/diagnostic.js';
import { isListType, namedTypeOf, positionOf } from './astHelpers.js';
import { parseFieldValue } from './fieldValue.js';
import { relationNameOf, type Declared } from './validateTypes.js';

/** Tables the data layer itself keeps: Kysely's record of the migrations it ran. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

/**
 * Checks what the data layer and its migrations need of the types files: `@defaultValue` and
 * `@migrationValue` values that fit their field, well-formed `@rename(oldName:)` directives, and
 * table and column names that stay distinct in SQLite, which ignores case, and that leave alone
 * the tables of the server itself (auth tables start with `_`).
 */
export function validateStorage(
  models: Declared<ObjectTypeDefinitionNode>[],
  enums: Declared<EnumTypeDefinitionNode>[],
  diagnostics: Diagnostics,
): void {
  const enumValues = new Map(
    enums.map(({ node }) => [node.name.value, (node.values ?? []).map((v) => v.name.value)]),
  );
  const modelNames = new Set(models.map(({ node }) => node.name.value));

  for (const { file, node } of models) {
    checkRename(file, `model "${node.name.value}"`, node.directives, modelNames, diagnostics);
    const fieldNames = new Set((node.fields ?? []).map((field) => field.name.value));
    const renamedFrom = new Map<string, string>();
    for (const field of node.fields ?? []) {
      const label = `"${node.name.value}.${field.name.value}"`;
      const oldName = checkRename(
        file,
        `field ${label}`,
        field.directives,
        fieldNames,
        diagnostics,
      );
      if (oldName !== undefined) {
        const first = renamedFrom.get(oldName);
        if (first !== undefined) {
          diagnostics.error(
            'INVALID_RENAME',
            file,
            positionOf(field.name),
            `Fields "${first}" and "${field.name.value}" of model "${node.name.value}" are both ` +
              `renamed from "${oldName}". Keep @rename on one of them.`,
          );
        }
        renamedFrom.set(oldName, field.name.value);
      }
      checkValues(file, label, field, modelNames, enumValues, diagnostics);
    }
  }
  checkTableNames(models, diagnostics);
  checkColumnNames(models, diagnostics);
}

/** Checks `@rename(oldName: "...")` and returns the old name when it is well formed. */
function checkRename(
  file: string,
  owner: string,
  directives: readonly DirectiveNode[] | undefined,
  currentNames: Set<string>,
  diagnostics: Diagnostics,
): string | undefined {
  const directive = directives?.find((item) => item.name.value === 'rename');
  if (directive === undefined) return undefined;
  const argument = directive.arguments?.find((item) => item.name.value === 'oldName');
  if (argument?.value.kind !== Kind.STRING || argument.value.value === '') {
    diagnostics.error(
      'INVALID_RENAME',
      file,
      positionOf(directive),
      `@rename on ${owner} needs the former name as a string: @rename(oldName: "formerName").`,
    );
    return undefined;
  }
  const oldName = argument.value.value;
  if (currentNames.has(oldName)) {
    diagnostics.error(
      'INVALID_RENAME',
      file,
      positionOf(argument.value),
      `@rename on ${owner} names "${oldName}", which is still declared. A rename needs a ` +
        `former name that no longer exists; remove @rename or the other declaration.`,
    );
    return undefined;
  }
  return oldName;
}

/** `@defaultValue` and `@migrationValue` belong on stored fields and must fit their type. */
function checkValues(
  file: string,
  label: string,
  field: FieldDefinitionNode,
  modelNames: Set<string>,
  enumValues: Map<string, string[]>,
  diagnostics: Diagnostics,
): void {
  const typeName = namedTypeOf(field.type);
  for (const directiveName of ['defaultValue', 'migrationValue']) {
    const directive = field.directives?.find((item) => item.name.value === directiveName);
    if (directive === undefined) continue;
    const where = positionOf(directive);
    if (modelNames.has(typeName) || SYSTEM_FIELDS.has(field.name.value)) {
      const why = modelNames.has(typeName) ? 'is a relation' : 'is kept by the data layer';
      diagnostics.error(
        'INVALID_FIELD_VALUE',
        file,
        where,
        `Field ${label} ${why} and takes no @${directiveName}. Remove the directive.`,
      );
      continue;
    }
    const argument = directive.arguments?.find((item) => item.name.value === 'value');
    if (argument === undefined) {
      diagnostics.error(
        'INVALID_FIELD_VALUE',
        file,
        where,
        `@${directiveName} on field ${label} needs a value: @${directiveName}(value: ...).`,
      );
      continue;
    }
    const values = enumValues.get(typeName);
    const parsed = parseFieldValue(argument.value, {
      name: typeName,
      isList: isListType(field.type),
      ...(values && { enumValues: values }),
    });
    if (!parsed.ok) {
      diagnostics.error(
        'INVALID_FIELD_VALUE',
        file,
        positionOf(argument.value),
        `@${directiveName} of field ${label} does not fit its type: ${parsed.reason}.`,
      );
    }
  }
}

/**
 * Model tables and many-to-many join tables (named after the relation) share one namespace,
 * compared without regard to case; `_` starts the server's own tables.
 */
function checkTableNames(
  models: Declared<ObjectTypeDefinitionNode>[],
  diagnostics: Diagnostics,
): void {
  const taken = new Map<string, string>();
  for (const name of MIGRATOR_TABLES) taken.set(name, `the migrator's table "${name}"`);

  const claim = (
    name: string,
    owner: string,
    file: string,
    node: Parameters<typeof positionOf>[0],
  ) => {
    if (name.startsWith('_')) {
      diagnostics.error(
        'RESERVED_TABLE_NAME',
        file,
        positionOf(node),
        `The table of ${owner} would be named "${name}"; names starting with "_" belong to the ` +
          `server's own tables. Rename it.`,
      );
      return;
    }
    const other = taken.get(name.toLowerCase());
    if (other !== undefined) {
      diagnostics.error(
        'TABLE_NAME_CLASH',
        file,
        positionOf(node),
        `The table of ${owner} would be named "${name}", like the table of ${other} (SQLite ` +
          `ignores case in table names). Rename one of them.`,
      );
      return;
    }
    taken.set(name.toLowerCase(), owner);
  };

  for (const { file, node } of models) {
    claim(node.name.value, `model "${node.name.value}"`, file, node.name);
  }
  for (const relation of manyToManyRelations(models)) {
    claim(relation.name, `many-to-many relation "${relation.name}"`, relation.file, relation.node);
  }
}

/** Relations whose two fields are both lists: each is stored in a join table of its own. */
function manyToManyRelations(
  models: Declared<ObjectTypeDefinitionNode>[],
): { name: string; file: string; node: DirectiveNode }[] {
  const modelNames = new Set(models.map(({ node }) => node.name.value));
  const ends = new Map<string, { file: string; node: DirectiveNode; isList: boolean }[]>();
  for (const { file, node } of models) {
    for (const field of node.fields ?? []) {
      const directive = field.directives?.find((item) => item.name.value === 'relation');
      const name = directive && relationNameOf(directive);
      if (!directive || !name || !modelNames.has(namedTypeOf(field.type))) continue;
      ends.set(name, [
        ...(ends.get(name) ?? []),
        { file, node: directive, isList: isListType(field.type) },
      ]);
    }
  }
  return [...ends]
    .filter(([, pair]) => pair.length === 2 && pair.every((end) => end.isList))
    .map(([name, [first]]) => ({ name, file: first!.file, node: first!.node }));
}

/** SQLite ignores case in column names too, so `email` and `Email` would be one column. */
function checkColumnNames(
  models: Declared<ObjectTypeDefinitionNode>[],
  diagnostics: Diagnostics,
): void {
  for (const { file, node } of models) {
    const seen = new Map<string, string>();
    for (const field of node.fields ?? []) {
      const name = field.name.value;
      const other = seen.get(name.toLowerCase());
      if (other !== undefined && other !== name) {
        diagnostics.error(
          'COLUMN_NAME_CLASH',
          file,
          positionOf(field.name),
          `Fields "${node.name.value}.${other}" and "${node.name.value}.${name}" differ only in ` +
            `case, and SQLite ignores case in column names. Rename one of them.`,
        );
      }
      seen.set(name.toLowerCase(), name);
    }
  }
}
