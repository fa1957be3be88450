import type { Position } from '../report/diagnostic.js';
import type { JsonValue } from '../validate/fieldValue.js';

/**
 * The intermediate representation every step after `model` reads. It holds no YAML and no
 * GraphQL AST: only plain data, sorted so that output built from it is stable from run to run.
 */
export interface Project {
  /** Absolute path of the target project folder. */
  dir: string;
  /** The `@model` types, sorted by name. */
  models: Model[];
  /** Enums declared in the types files or the extension files, sorted by name. */
  enums: EnumType[];
  /** Relations between models, sorted by name. */
  relations: Relation[];
  /** The `type: resolver` functions, sorted by field name. */
  functions: ResolverFunction[];
  /** Names listed under `rootTokens:`, in file order. */
  rootTokens: string[];
  /** SDL of what the server exposes: the extension fields and every type they reach. */
  servedSchema: string;
  /** Project-relative paths of the types files, in graphcool.yml order. */
  typeFiles: string[];
}

/** A value of `@defaultValue` or `@migrationValue`, converted to the field's type. */
export type FieldValue = JsonValue;

/** A scalar Graphcool knows. `Json` and `DateTime` are custom scalars of the served schema. */
export type ScalarName = 'ID' | 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime' | 'Json';

/** One `@model` type of the types file. */
export interface Model {
  name: string;
  /** Project-relative path of the types file that declares it. */
  file: string;
  /** Where its name is declared. */
  position: Position;
  /** `@rename(oldName:)`: the name its table had before. */
  renamedFrom?: string;
  /** Fields in declaration order; `id` always first. */
  fields: ModelField[];
}

/** A field of a model: a scalar or enum column, or one end of a relation. */
export type ModelField = ScalarField | RelationField;

/** A field stored as a column (scalars, enums and lists of them). */
export interface ScalarField {
  kind: 'scalar' | 'enum';
  name: string;
  /** The scalar name, or the enum's name when `kind` is `enum`. */
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  /** `id`, `createdAt` and `updatedAt`: kept by the data layer, never written by handlers. */
  isSystem: boolean;
  /** `@defaultValue(value:)`, converted to the field's type (a list for a list field). */
  defaultValue?: FieldValue;
  /** `@migrationValue(value:)`: what rows that exist when the column is added receive. */
  migrationValue?: FieldValue;
  /** `@rename(oldName:)`: the name the field had before. */
  renamedFrom?: string;
  /** Where the field is declared. */
  position: Position;
}

/** A field that points at another model through `@relation(name:)`. */
export interface RelationField {
  kind: 'relation';
  name: string;
  /** The model at the other end. */
  type: string;
  isList: boolean;
  isRequired: boolean;
  relationName: string;
  /** `@rename(oldName:)`: the name the field had before. */
  renamedFrom?: string;
  /** Where the field is declared. */
  position: Position;
}

/** A relation, as declared by the `@relation(name:)` pair of fields. */
export interface Relation {
  name: string;
  kind: 'oneToOne' | 'oneToMany' | 'manyToMany';
  /**
   * The two ends. For `oneToMany`, `a` is the end holding the single reference (its table gets
   * the foreign key column); for the other kinds, `a` is the model whose name sorts first.
   */
  a: RelationEnd;
  b: RelationEnd;
}

/** One end of a relation; `field` is absent when the other model declares no back field. */
export interface RelationEnd {
  model: string;
  field?: string;
  isList: boolean;
}

/** An enum type and its values in declaration order. */
export interface EnumType {
  name: string;
  values: string[];
}

/** A `type: resolver` function: one extension field plus the handler that resolves it. */
export interface ResolverFunction {
  /** The key under `functions:` in graphcool.yml. */
  name: string;
  operation: 'Query' | 'Mutation';
  fieldName: string;
  /** Project-relative path of the extension SDL file. */
  schemaFile: string;
  /** Project-relative path of the handler, as `handler.code.src` gives it, normalised. */
  handlerFile: string;
  language: 'ts' | 'js';
  args: ResolverArgument[];
  /** The named type the field returns (always an object type of the extension file). */
  payloadType: string;
  /** The field's return type as written, e.g. `SignupUserPayload` or `HelloPayload!`. */
  returnType: string;
  /** Keys of `handler.code.environment`; values are resolved only when the server starts. */
  environmentKeys: string[];
  /** Who may call the field, from `@requireAuth` or `@requireRoot`; absent: anyone. */
  access?: AccessRule;
}

/**
 * `authenticated`: any token; `nodeTypes`: a node token of one of `types` (sorted), or a root
 * token; `root`: a root token.
 */
export type AccessRule =
  { kind: 'authenticated' } | { kind: 'nodeTypes'; types: string[] } | { kind: 'root' };

/** An argument of an extension field. */
export interface ResolverArgument {
  name: string;
  /** The type as written in SDL, e.g. `String!` or `[ID!]`. */
  type: string;
}
