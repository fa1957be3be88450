import type { FieldValue, Model, Project, Relation, ScalarField } from '../model/project.js';

/** How a column is stored. The names are SQL types both SQLite and PostgreSQL accept. */
export type StoredType = 'text' | 'integer' | 'double precision';

/** How the data layer converts a column's values; `undefined` stores them as they are. */
export type Codec = 'boolean' | 'json' | 'datetime';

/**
 * A column as the database holds it: what the schema snapshot records, what migrations create,
 * and what the generated `TABLES` describe.
 */
export interface StoredColumn {
  name: string;
  type: StoredType;
  primaryKey?: true;
  notNull?: true;
  /** A unique index `<table>_<column>_key` covers the column. */
  unique?: true;
  codec?: Codec;
  references?: { table: string; onDelete: 'cascade' | 'set null' };
  /** For a foreign key: the relation field it stores, e.g. `Post.author`. */
  field?: string;
}

/** A table: a model's, or the join table of a many-to-many relation (named after it). */
export interface StoredTable {
  name: string;
  kind: 'model' | 'join';
  columns: StoredColumn[];
  /** A composite primary key (join tables); model tables mark their `id` column instead. */
  primaryKey?: string[];
}

/** An index, derived from its table: unique columns and foreign keys get one each. */
export interface StoredIndex {
  name: string;
  table: string;
  columns: string[];
  unique: boolean;
}

/** What the repository needs beyond the stored shape, and where each column comes from. */
export interface ColumnSource {
  /** `User.email`, or `User.author` for a foreign key; absent for join table columns. */
  field?: string;
  file?: string;
  position?: { line: number; column: number };
  /** The stored form of `@defaultValue`, written by `create` when the value is missing. */
  defaultValue?: string | number;
  /** The stored form of `@migrationValue`, for rows that exist when the column appears. */
  migrationValue?: string | number;
  /** `createdAt` or `updatedAt`: rows that exist when it appears get the migration's time. */
  isTimestamp: boolean;
  /** The field as declared, for the model's TypeScript types. */
  scalar?: ScalarField;
  /** For a foreign key: whether the relation field holding it is required. */
  requiredRelation?: boolean;
  /** `@rename(oldName:)` of its field: the column's former name. */
  renamedFrom?: string;
}

/** Every table of a project, with the source of each column keyed `<table>.<column>`. */
export interface StoredSchema {
  tables: StoredTable[];
  sources: Map<string, ColumnSource>;
  /** `@rename(oldName:)` of models: each renamed table's former name, by its new name. */
  renamedFrom: Map<string, string>;
  /** Where each model is declared, by table name; errors about a table point there. */
  locations: Map<string, { file: string; position: { line: number; column: number } }>;
}

const TYPES: Record<string, StoredType> = {
  Int: 'integer',
  Boolean: 'integer',
  Float: 'double precision',
};

/**
 * The tables of a project: a model's scalar and enum fields become columns, a one-to-one or
 * one-to-many relation adds a nullable `<field>Id` foreign key to its `a` end (unique for
 * one-to-one), and a many-to-many relation gets a join table named after it with columns `A`
 * and `B`. Models come first, sorted by name, then join tables.
 */
export function storedSchema(project: Project): StoredSchema {
  const sources = new Map<string, ColumnSource>();
  const tables: StoredTable[] = [];
  for (const model of project.models) {
    tables.push(modelTable(model, project.relations, sources));
  }
  for (const relation of project.relations) {
    if (relation.kind === 'manyToMany') tables.push(joinTable(relation));
  }
  const renamedFrom = new Map<string, string>();
  const locations: StoredSchema['locations'] = new Map();
  for (const model of project.models) {
    if (model.renamedFrom !== undefined) renamedFrom.set(model.name, model.renamedFrom);
    locations.set(model.name, { file: model.file, position: model.position });
  }
  return { tables, sources, renamedFrom, locations };
}

function modelTable(
  model: Model,
  relations: Relation[],
  sources: Map<string, ColumnSource>,
): StoredTable {
  const columns: StoredColumn[] = [];
  for (const field of model.fields) {
    if (field.kind === 'relation') continue;
    columns.push(scalarColumn(field));
    const defaultValue = storedValue(field, field.defaultValue);
    const migrationValue = storedValue(field, field.migrationValue);
    sources.set(`${model.name}.${field.name}`, {
      field: `${model.name}.${field.name}`,
      file: model.file,
      position: field.position,
      ...(defaultValue !== undefined && { defaultValue }),
      ...(migrationValue !== undefined && { migrationValue }),
      isTimestamp: field.name === 'createdAt' || field.name === 'updatedAt',
      scalar: field,
      ...(field.renamedFrom !== undefined && { renamedFrom: field.renamedFrom }),
    });
  }
  for (const relation of relations) {
    if (relation.kind === 'manyToMany' || relation.a.model !== model.name) continue;
    const name = foreignKeyName(relation);
    columns.push({
      name,
      type: 'text',
      ...(relation.kind === 'oneToOne' && { unique: true as const }),
      references: { table: relation.b.model, onDelete: 'set null' },
      field: `${model.name}.${relation.a.field ?? name}`,
    });
    const field = model.fields.find((item) => item.name === relation.a.field);
    sources.set(`${model.name}.${name}`, {
      field: `${model.name}.${relation.a.field ?? name}`,
      file: model.file,
      position: field?.position ?? model.position,
      isTimestamp: false,
      requiredRelation: field?.isRequired ?? false,
      ...(field?.renamedFrom !== undefined && { renamedFrom: `${field.renamedFrom}Id` }),
    });
  }
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) {
      // validateTypes reports this clash first (RELATION_COLUMN_CLASH); this is a last guard.
      throw new Error(`Model "${model.name}" would get two columns named "${column.name}".`);
    }
    seen.add(column.name);
  }
  return { name: model.name, kind: 'model', columns };
}

function scalarColumn(field: ScalarField): StoredColumn {
  const isJson = field.isList || field.type === 'Json';
  const codec: Codec | undefined = isJson
    ? 'json'
    : field.type === 'Boolean'
      ? 'boolean'
      : field.type === 'DateTime'
        ? 'datetime'
        : undefined;
  return {
    name: field.name,
    type: isJson || field.kind === 'enum' ? 'text' : (TYPES[field.type] ?? 'text'),
    ...(field.name === 'id' && { primaryKey: true as const }),
    ...(field.isRequired && { notNull: true as const }),
    ...(field.isUnique && field.name !== 'id' && { unique: true as const }),
    ...(codec !== undefined && { codec }),
  };
}

function joinTable(relation: Relation): StoredTable {
  const end = (name: 'A' | 'B', model: string): StoredColumn => ({
    name,
    type: 'text',
    notNull: true,
    references: { table: model, onDelete: 'cascade' },
  });
  return {
    name: relation.name,
    kind: 'join',
    columns: [end('A', relation.a.model), end('B', relation.b.model)],
    primaryKey: ['A', 'B'],
  };
}

/** The column holding a one-to-one or one-to-many relation: `<field>Id` on the `a` end. */
export function foreignKeyName(relation: Relation): string {
  const field = relation.a.field ?? relation.name.charAt(0).toLowerCase() + relation.name.slice(1);
  return `${field}Id`;
}

/**
 * The indexes of a table: a unique index `<table>_<column>_key` per unique column, and an
 * index `<table>_<column>_idx` per foreign key that no other index leads with.
 */
export function indexesOf(table: StoredTable): StoredIndex[] {
  const indexes: StoredIndex[] = [];
  for (const column of table.columns) {
    if (column.unique) {
      indexes.push({
        name: `${table.name}_${column.name}_key`,
        table: table.name,
        columns: [column.name],
        unique: true,
      });
    } else if (column.references && table.primaryKey?.[0] !== column.name) {
      indexes.push({
        name: `${table.name}_${column.name}_idx`,
        table: table.name,
        columns: [column.name],
        unique: false,
      });
    }
  }
  return indexes;
}

/** A value as the column stores it: booleans as 1 or 0, JSON and lists as JSON text. */
export function storedValue(
  field: Pick<ScalarField, 'type' | 'isList'>,
  value: FieldValue | undefined,
): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (field.isList || field.type === 'Json') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}
