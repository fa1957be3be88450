import {
  Kind,
  print,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import type { ProjectConfig } from '../config/readConfig.js';
import { projectRelative } from '../load/loadSources.js';
import { compareText } from '../report/diagnostic.js';
import { isListType, isRequiredType, namedTypeOf, positionOf } from '../validate/astHelpers.js';
import { parseFieldValue } from '../validate/fieldValue.js';
import type { CheckedFunction } from '../validate/validateExtensions.js';
import type { CheckedProject } from '../validate/validateProject.js';
import { relationNameOf } from '../validate/validateTypes.js';
import type {
  EnumType,
  FieldValue,
  Model,
  ModelField,
  Project,
  Relation,
  RelationField,
  ResolverFunction,
} from './project.js';

const systemFields = new Set(['id', 'createdAt', 'updatedAt']);

/** Turns a checked project into the plain, sorted `Project` that the emit step reads. */
export function buildProject(
  projectDir: string,
  config: ProjectConfig,
  checked: CheckedProject,
): Project {
  const modelNames = new Set(checked.types.models.map((model) => model.node.name.value));
  const enumValues = new Map(
    checked.types.enums.map(({ node }) => [
      node.name.value,
      (node.values ?? []).map((value) => value.name.value),
    ]),
  );

  const models: Model[] = checked.types.models
    .map(({ file, node }) => toModel(file, node, modelNames, enumValues))
    .sort(byName);

  const enums: EnumType[] = [
    ...checked.types.enums.map((item) => item.node),
    ...checked.functions
      .flatMap((fn) => fn.localTypes)
      .filter((type) => type.kind === Kind.ENUM_TYPE_DEFINITION),
  ]
    .map((node) => ({
      name: node.name.value,
      values:
        node.kind === Kind.ENUM_TYPE_DEFINITION
          ? (node.values ?? []).map((value) => value.name.value)
          : [],
    }))
    .sort(byName);

  const functions = checked.functions
    .map(toResolverFunction)
    .sort((a, b) => compareText(a.fieldName, b.fieldName));

  return {
    dir: projectDir,
    models,
    enums,
    relations: buildRelations(models),
    functions,
    rootTokens: config.rootTokens.map((token) => token.value),
    servedSchema: print(checked.servedDocument) + '\n',
    typeFiles: config.types.map((types) => projectRelative(projectDir, types.value)),
  };
}

function toModel(
  file: string,
  node: ObjectTypeDefinitionNode,
  modelNames: Set<string>,
  enumValues: Map<string, string[]>,
): Model {
  const renamedFrom = oldNameOf(node.directives);
  return {
    name: node.name.value,
    file,
    position: positionOf(node.name),
    ...(renamedFrom !== undefined && { renamedFrom }),
    fields: orderIdFirst(
      (node.fields ?? []).map((field) => toModelField(field, modelNames, enumValues)),
    ),
  };
}

function toModelField(
  field: FieldDefinitionNode,
  modelNames: Set<string>,
  enumValues: Map<string, string[]>,
): ModelField {
  const type = namedTypeOf(field.type);
  const isList = isListType(field.type);
  const isRequired = isRequiredType(field.type);
  const directive = (name: string) => field.directives?.find((item) => item.name.value === name);
  const renamedFrom = oldNameOf(field.directives);
  const common = {
    name: field.name.value,
    type,
    isList,
    isRequired,
    ...(renamedFrom !== undefined && { renamedFrom }),
    position: positionOf(field.name),
  };

  if (modelNames.has(type)) {
    const relation = directive('relation');
    return {
      kind: 'relation',
      ...common,
      relationName: (relation && relationNameOf(relation)) ?? '',
    };
  }

  const values = enumValues.get(type);
  const valueOf = (name: string): FieldValue | undefined => {
    const argument = directive(name)?.arguments?.find((item) => item.name.value === 'value');
    if (argument === undefined) return undefined;
    const parsed = parseFieldValue(argument.value, { name: type, isList, enumValues: values });
    return parsed.ok ? parsed.value : undefined;
  };
  const defaultValue = valueOf('defaultValue');
  const migrationValue = valueOf('migrationValue');
  return {
    kind: values ? 'enum' : 'scalar',
    ...common,
    isUnique: directive('isUnique') !== undefined,
    isSystem: systemFields.has(field.name.value),
    ...(defaultValue !== undefined && { defaultValue }),
    ...(migrationValue !== undefined && { migrationValue }),
  };
}

/** The `oldName` of a `@rename` directive. */
function oldNameOf(directives: readonly ConstDirectiveNode[] | undefined): string | undefined {
  const directive = directives?.find((item) => item.name.value === 'rename');
  const argument = directive?.arguments?.find((item) => item.name.value === 'oldName');
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

function orderIdFirst(fields: ModelField[]): ModelField[] {
  return [
    ...fields.filter((field) => field.name === 'id'),
    ...fields.filter((field) => field.name !== 'id'),
  ];
}

/** Pairs the fields that share a relation name and classifies each relation. */
function buildRelations(models: Model[]): Relation[] {
  const ends = new Map<string, { model: string; field: RelationField }[]>();
  for (const model of models) {
    for (const field of model.fields) {
      if (field.kind !== 'relation') continue;
      ends.set(field.relationName, [
        ...(ends.get(field.relationName) ?? []),
        { model: model.name, field },
      ]);
    }
  }

  const relations: Relation[] = [];
  for (const [name, [first, second]] of ends) {
    if (!first) continue;
    const one = { model: first.model, field: first.field.name, isList: first.field.isList };
    const other = second
      ? { model: second.model, field: second.field.name, isList: second.field.isList }
      : { model: first.field.type, isList: !first.field.isList };
    if (one.isList && other.isList) {
      relations.push({ name, kind: 'manyToMany', ...sortEnds(one, other) });
    } else if (!one.isList && !other.isList) {
      relations.push({ name, kind: 'oneToOne', ...sortEnds(one, other) });
    } else {
      relations.push({
        name,
        kind: 'oneToMany',
        a: one.isList ? other : one,
        b: one.isList ? one : other,
      });
    }
  }
  return relations.sort(byName);
}

function sortEnds<T extends { model: string; field?: string }>(x: T, y: T): { a: T; b: T } {
  const xKey = `${x.model}.${x.field ?? ''}`;
  const yKey = `${y.model}.${y.field ?? ''}`;
  return xKey <= yKey ? { a: x, b: y } : { a: y, b: x };
}

function toResolverFunction(fn: CheckedFunction): ResolverFunction {
  return {
    name: fn.loaded.config.name,
    operation: fn.operation,
    fieldName: fn.field.name.value,
    schemaFile: fn.loaded.schema.file,
    handlerFile: fn.loaded.handlerFile,
    language: fn.loaded.language,
    args: (fn.field.arguments ?? []).map((argument) => ({
      name: argument.name.value,
      type: print(argument.type),
    })),
    payloadType: fn.payload.name.value,
    returnType: print(fn.field.type),
    environmentKeys: fn.loaded.config.environmentKeys,
    ...(fn.access && { access: fn.access }),
  };
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return compareText(a.name, b.name);
}
