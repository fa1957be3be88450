import { posix } from 'node:path';

import type { AccessRule, Project, ResolverFunction } from '../model/project.js';
import { codegenTypeName } from './codegenTypes.js';
import {
  arrayLiteral,
  arrowProperty,
  call,
  objectType,
  typeAlias,
  typeAliasBreakingAfterEquals,
  typeArguments,
  union,
} from './codeShapes.js';
import { printDoc } from './printDoc.js';
import { storedSchema } from './storedTables.js';
import { tableDefinitions, tsString, type JoinTable, type ModelTable } from './tableDefinitions.js';

/** Everything the templates under `templates/generated/` print, derived from the `Project`. */
export interface TemplateData {
  servedSchema: string;
  functions: FunctionView[];
  /** Functions grouped by root type (`Mutation`, then `Query`), for `resolvers.ts`. */
  operations: { operation: string; functions: FunctionView[] }[];
  /** Type names `handlers.ts` imports from `types.ts`, sorted. */
  handlerTypeImports: string[];
  /** Whether any function declares `handler.code.environment`. */
  hasEnvironment: boolean;
  models: ModelView[];
  joins: JoinTable[];
  /** Enums that model fields use, each as the declaration of its TypeScript union. */
  enums: { name: string; declaration: string }[];
  /** `export const MODEL_NAMES = ['Post', 'User'] as const;`, laid out. */
  modelNamesDeclaration: string;
  /** The declaration of `ROOT_TOKEN_NAMES`: the names under `rootTokens:`, without repeats. */
  rootTokenNamesDeclaration: string;
  /** Whether some function has an access rule, so `resolvers.ts` imports `checkAccess`. */
  hasAccessRules: boolean;
}

/** A resolver function as `handlers.ts`, `resolvers.ts` and `environment.ts` print it. */
export interface FunctionView {
  name: string;
  fieldName: string;
  operation: string;
  /** `Mutation.signupUser`. */
  coordinate: string;
  schemaFile: string;
  handlerFile: string;
  handlerType: string;
  argsType: string;
  resultType: string;
  /** Name of the returned type, for the skeleton's doc line. */
  payloadType: string;
  nullable: boolean;
  /** `readonly <function>: { readonly KEY: string };` in `FunctionEnvironments`, laid out. */
  envMember: string;
  /** `export type XHandler = Handler<Args, Result[, Env]>;`, laid out (no empty environment). */
  handlerTypeDeclaration: string;
  /** The entry of a field without access rule in `createResolvers`, laid out at its depth. */
  resolverEntry: string;
  /** The skeleton's `throw new Error(...)` until the handler is written, laid out. */
  notImplemented: string;
  envKeys: { key: string; property: string; keyString: string }[];
  /** The function name as a string literal. */
  nameString: string;
  /** The function name as an object key (`signup` or `'sign-up'`). */
  envProperty: string;
  /** `environments.signup` or `environments['sign-up']`. */
  envAccess: string;
  /** Import specifier of the handler from `generated/`. */
  importPath: string;
  /** The access rule as a TypeScript literal (`@requireAuth`, `@requireRoot`); '' for none. */
  accessRule: string;
}

/** A model with the strings `db/schema.ts`, `db/tables.ts` and `db/index.ts` print. */
export interface ModelView extends ModelTable {
  createMembers: string[];
  /** The declarations of `<Model>Update`, `<Model>Where` and `<Model>Unique`, laid out. */
  updateDeclaration: string;
  whereDeclaration: string;
  uniqueDeclaration: string;
  /** `<Model>: createRepository(kysely, '<Model>'),` in `createDataAccess`, laid out. */
  repositoryEntry: string;
  /** The members of `<Model>Relations`: what following each relation field returns. */
  relationMembers: string[];
}

/** Builds the template data; pure, and stable for a given project. */
export function templateData(project: Project): TemplateData {
  const functions = project.functions.map(functionView);
  const { models, joins } = tableDefinitions(project, storedSchema(project));
  const usedEnums = new Set(
    project.models.flatMap((model) =>
      model.fields.filter((field) => field.kind === 'enum').map((field) => field.type),
    ),
  );

  return {
    servedSchema: project.servedSchema.trim(),
    functions,
    operations: ['Mutation', 'Query']
      .map((operation) => ({
        operation,
        functions: functions.filter((fn) => fn.operation === operation),
      }))
      .filter((group) => group.functions.length > 0),
    handlerTypeImports: [
      ...new Set(
        functions
          .flatMap((fn) => [fn.argsType, codegenTypeName(fn.payloadType)])
          .filter(isTypeName),
      ),
    ].sort(),
    hasEnvironment: functions.some((fn) => fn.envKeys.length > 0),
    models: models.map(modelView),
    joins,
    enums: project.enums
      .filter((enumType) => usedEnums.has(enumType.name))
      .map((enumType) => ({
        name: enumType.name,
        declaration: printDoc(
          typeAliasBreakingAfterEquals(enumType.name, union(enumType.values.map(tsString))),
        ),
      })),
    modelNamesDeclaration: printDoc([
      'export const MODEL_NAMES = ',
      arrayLiteral(project.models.map((model) => tsString(model.name))),
      ' as const;',
    ]),
    rootTokenNamesDeclaration: printDoc([
      'export const ROOT_TOKEN_NAMES: readonly string[] = ',
      arrayLiteral([...new Set(project.rootTokens)].map(tsString)),
      ';',
    ]),
    hasAccessRules: functions.some((fn) => fn.accessRule !== ''),
  };
}

/** The strings the templates print for one resolver function. */
export function functionView(fn: ResolverFunction): FunctionView {
  const pascal = codegenTypeName(fn.fieldName);
  const envKeys = [...fn.environmentKeys].sort().map((key) => ({
    key,
    property: propertyKey(key),
    keyString: tsString(key),
  }));
  const envMembers = envKeys.map(({ property }) => `readonly ${property}: string`);
  const argsType = fn.args.length > 0 ? `${fn.operation}${pascal}Args` : 'Record<string, never>';
  const resultType = sdlTypeToTs(fn.returnType);
  const envType = envMembers.length > 0 ? objectType(envMembers) : 'Record<string, never>';
  const handlerType = `${pascal}Handler`;
  const envAccess = isIdentifier(fn.name)
    ? `environments.${fn.name}`
    : `environments[${tsString(fn.name)}]`;
  const coordinate = `${fn.operation}.${fn.fieldName}`;
  return {
    name: fn.name,
    fieldName: fn.fieldName,
    operation: fn.operation,
    coordinate,
    schemaFile: fn.schemaFile,
    handlerFile: fn.handlerFile,
    handlerType,
    argsType,
    resultType,
    payloadType: fn.payloadType,
    nullable: !fn.returnType.trim().endsWith('!'),
    envMember: printDoc(['readonly ', propertyKey(fn.name), ': ', envType, ';'], 2),
    handlerTypeDeclaration: printDoc(
      typeAlias(
        handlerType,
        typeArguments('Handler', [
          argsType,
          resultType,
          ...(envMembers.length > 0 ? [envType] : []),
        ]),
      ),
    ),
    resolverEntry: printDoc(
      arrowProperty(
        `${fn.fieldName}: (_parent, args, ctx)`,
        `${fn.fieldName}(args, { ...ctx, env: ${envAccess} })`,
      ),
      6,
    ),
    notImplemented: printDoc(
      [
        'throw ',
        call('new Error', [tsString(`${coordinate} is not implemented: write ${fn.handlerFile}.`)]),
        ';',
      ],
      2,
    ),
    envKeys,
    nameString: tsString(fn.name),
    envProperty: propertyKey(fn.name),
    envAccess,
    importPath: moduleSpecifier('generated', fn.handlerFile),
    accessRule: fn.access ? accessRuleLiteral(fn.access) : '',
  };
}

/** `{ kind: 'nodeTypes', types: ['User'] }`: the rule as `checkAccess` takes it. */
function accessRuleLiteral(rule: AccessRule): string {
  return rule.kind === 'nodeTypes'
    ? `{ kind: 'nodeTypes', types: [${rule.types.map(tsString).join(', ')}] }`
    : `{ kind: ${tsString(rule.kind)} }`;
}

function modelView(model: ModelTable): ModelView {
  return {
    ...model,
    createMembers: model.columns
      .filter((column) => column.create !== 'none')
      .map((column) =>
        column.create === 'required'
          ? `${column.name}: ${column.inputType};`
          : `${column.name}?: ${column.inputType};`,
      ),
    updateDeclaration: printDoc(
      typeAliasBreakingAfterEquals(`${model.name}Update`, `Partial<${model.name}Create>`),
    ),
    whereDeclaration: printDoc(
      typeAlias(
        `${model.name}Where`,
        typeArguments('Partial', [
          typeArguments('Pick', [model.name, union(model.filterableColumns.map(tsString))]),
        ]),
      ),
    ),
    uniqueDeclaration: printDoc(
      typeAliasBreakingAfterEquals(
        `${model.name}Unique`,
        union(
          model.uniqueColumns.map(
            (column) => `{ ${column.name}: ${column.valueType.replace(/ \| null$/, '')} }`,
          ),
        ),
      ),
    ),
    repositoryEntry: printDoc(
      [`${model.name}: `, call('createRepository', ['kysely', tsString(model.name)]), ','],
      4,
    ),
    relationMembers: model.relations.map(
      (relation) => `${relation.field}: ${relation.resultType};`,
    ),
  };
}

/**
 * The TypeScript type of an SDL return type, named as codegen names it: `Payload!` is
 * `Payload`, `Payload` is `Payload | null`, `[Payload!]!` is `Array<Payload>`.
 */
export function sdlTypeToTs(sdlType: string): string {
  const type = sdlType.trim();
  if (type.endsWith('!')) {
    return nonNullTs(type.slice(0, -1));
  }
  return `${nonNullTs(type)} | null`;
}

function nonNullTs(type: string): string {
  if (type.startsWith('[') && type.endsWith(']')) {
    return `Array<${sdlTypeToTs(type.slice(1, -1))}>`;
  }
  return codegenTypeName(type);
}

/**
 * The relative import specifier of a project file from a project folder, with the `.js`
 * extension NodeNext resolves to the `.ts` source (`src/signup.ts` from `generated` gives
 * `../src/signup.js`).
 */
export function moduleSpecifier(fromDir: string, file: string): string {
  const relative = posix
    .relative(fromDir, file)
    .replace(/\.(m|c)?tsx?$/, (ext) => ext.replace('ts', 'js'));
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function isTypeName(name: string): boolean {
  return /^[A-Za-z_]\w*$/.test(name);
}

function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

function propertyKey(name: string): string {
  return isIdentifier(name) ? name : tsString(name);
}
