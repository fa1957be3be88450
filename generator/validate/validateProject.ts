import {
  buildASTSchema,
  Kind,
  validateSchema,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';
import type { LoadedSources } from '../load/loadSources.js';
import { compareText, type Diagnostics } from '../report/diagnostic.js';
import { namedTypeOf, positionOf } from './astHelpers.js';
import { reservedFieldNames } from './reservedFieldNames.js';
import { validateExtension, type CheckedFunction, type LocalType } from './validateExtensions.js';
import { validateTypes, type CheckedTypes } from './validateTypes.js';

/** The project once every rule passed: what the model step turns into a `Project`. */
export interface CheckedProject {
  types: CheckedTypes;
  functions: CheckedFunction[];
  /** The schema the server serves: root fields, their types, and the enums they use. */
  servedDocument: DocumentNode;
}

/**
 * Applies Graphcool's rules to the loaded files and reports every violation at once. Returns
 * undefined when any error was found.
 */
export function validateProject(
  sources: LoadedSources,
  diagnostics: Diagnostics,
): CheckedProject | undefined {
  const types = validateTypes(sources.typeFiles, diagnostics);
  const functions: CheckedFunction[] = [];
  for (const loaded of sources.functions) {
    const checked = validateExtension(loaded, types, diagnostics);
    if (checked) functions.push(checked);
  }
  checkNameClashes(types, functions, diagnostics);
  if (diagnostics.hasErrors) return undefined;

  const servedDocument = buildServedDocument(types, functions);
  const schemaErrors = validateSchema(buildASTSchema(servedDocument, { assumeValidSDL: false }));
  for (const error of schemaErrors) {
    const node = error.nodes?.[0];
    const owner = functions.find(
      (fn) => fn.loaded.schema.document.loc?.source === node?.loc?.source,
    );
    diagnostics.error(
      'INVALID_SCHEMA',
      owner?.loaded.schema.file ?? sources.functions[0]?.schema.file ?? 'graphcool.yml',
      positionOf(node),
      `${error.message} Fix the schema so that the served API is valid.`,
    );
  }
  return diagnostics.hasErrors ? undefined : { types, functions, servedDocument };
}

function checkNameClashes(
  types: CheckedTypes,
  functions: CheckedFunction[],
  diagnostics: Diagnostics,
): void {
  const reserved = reservedFieldNames(types);
  const fieldOwners = new Map<string, string>();
  const typeOwners = new Map<string, string>();
  for (const { file, node } of [...types.models, ...types.enums])
    typeOwners.set(node.name.value, file);

  for (const fn of functions) {
    const file = fn.loaded.schema.file;
    const fieldName = fn.field.name.value;
    const key = `${fn.operation}.${fieldName}`;
    const reservedFor = reserved.get(key);
    if (reservedFor) {
      diagnostics.error(
        'RESERVED_FIELD_NAME',
        file,
        positionOf(fn.field.name),
        `Field "${key}" has the name of the CRUD field Graphcool generates for model ` +
          `"${reservedFor}". Rename the field.`,
      );
    }
    const firstOwner = fieldOwners.get(key);
    if (firstOwner) {
      diagnostics.error(
        'DUPLICATE_FIELD_NAME',
        file,
        positionOf(fn.field.name),
        `Field "${key}" is already added by ${firstOwner}. Rename one of the two fields.`,
      );
    } else {
      fieldOwners.set(key, file);
    }

    for (const type of fn.localTypes) {
      const name = type.name.value;
      const owner = typeOwners.get(name);
      if (owner) {
        diagnostics.error(
          'DUPLICATE_TYPE',
          file,
          positionOf(type.name),
          `Type "${name}" is already declared in ${owner}. Rename one of them.`,
        );
      } else {
        typeOwners.set(name, file);
      }
    }
  }
}

/** Builds the served schema in a stable order: root types, then every other type by name. */
function buildServedDocument(types: CheckedTypes, functions: CheckedFunction[]): DocumentNode {
  const byOperation = (operation: 'Query' | 'Mutation') =>
    functions
      .filter((fn) => fn.operation === operation)
      .map((fn) => fn.field)
      .sort((a, b) => compareText(a.name.value, b.name.value));
  const queryFields = byOperation('Query');
  const mutationFields = byOperation('Mutation');

  const localTypes: LocalType[] = functions.flatMap((fn) => fn.localTypes);
  const usedNames = new Set<string>();
  const collect = (type: TypeNode) => usedNames.add(namedTypeOf(type));
  for (const field of [...queryFields, ...mutationFields]) {
    for (const argument of field.arguments ?? []) collect(argument.type);
  }
  for (const type of localTypes) {
    if (type.kind === Kind.ENUM_TYPE_DEFINITION) continue;
    for (const member of type.fields ?? []) collect(member.type);
  }

  const definitions: DefinitionNode[] = [
    rootType('Query', queryFields.length > 0 ? queryFields : [placeholderQueryField()]),
  ];
  if (mutationFields.length > 0) definitions.push(rootType('Mutation', mutationFields));
  const others: DefinitionNode[] = [
    ...localTypes,
    ...types.enums.map((item) => item.node).filter((node) => usedNames.has(node.name.value)),
    ...['DateTime', 'Json']
      .filter((name) => usedNames.has(name))
      .map(
        (name) =>
          ({ kind: Kind.SCALAR_TYPE_DEFINITION, name: { kind: Kind.NAME, value: name } }) as const,
      ),
  ];
  others.sort((a, b) => compareText(definitionName(a), definitionName(b)));
  return { kind: Kind.DOCUMENT, definitions: [...definitions, ...others] };
}

function rootType(name: string, fields: readonly FieldDefinitionNode[]): DefinitionNode {
  return {
    kind: Kind.OBJECT_TYPE_DEFINITION,
    name: { kind: Kind.NAME, value: name },
    fields: fields.map((field) => ({ ...field, loc: undefined })),
  };
}

/** GraphQL requires a query type; a project with only mutations gets this one field. */
function placeholderQueryField(): FieldDefinitionNode {
  return {
    kind: Kind.FIELD_DEFINITION,
    description: {
      kind: Kind.STRING,
      value: 'Always null. Present because GraphQL requires a query type and no function adds one.',
      block: true,
    },
    name: { kind: Kind.NAME, value: '_empty' },
    type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Boolean' } },
  };
}

function definitionName(definition: DefinitionNode): string {
  return 'name' in definition && definition.name ? definition.name.value : '';
}
