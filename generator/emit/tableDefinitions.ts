import type { Model, Project, Relation, ScalarField } from '../model/project.js';

/** One model as the `db/` templates see it: its table, its columns and its TypeScript types. */
export interface ModelTable {
  name: string;
  columns: ColumnView[];
  /** Columns a handler may filter `findMany` by: plain values, not lists or JSON. */
  filterableColumns: string[];
  /** Columns that identify one row: `id` and every `@isUnique` field. */
  uniqueColumns: ColumnView[];
  /** `db/tables.ts` entry: the table as data. */
  literal: string;
}

/** A column of a model table. Strings are ready to print into the templates. */
export interface ColumnView {
  name: string;
  /** Type in the Kysely table interface: what the database stores. */
  storedType: string;
  /** Type in the model interface: what handlers read and write. */
  valueType: string;
  /** Whether `create` requires the column (`none` for id, createdAt and updatedAt). */
  create: 'required' | 'optional' | 'none';
  /** Doc comment of the property; empty when the name says enough. */
  doc: string;
}

/** A many-to-many join table `_<RelationName>` with columns `A` and `B`. */
export interface JoinTable {
  name: string;
  aModel: string;
  bModel: string;
  literal: string;
}

/**
 * Turns the models and relations of the project into table definitions: scalar and enum fields
 * become columns, a one-to-one or one-to-many relation adds a nullable `<field>Id` column to
 * its `a` end, and a many-to-many relation gets a join table.
 */
export function tableDefinitions(project: Project): { models: ModelTable[]; joins: JoinTable[] } {
  const models = project.models.map((model) => modelTable(model, project.relations));
  const joins = project.relations
    .filter((relation) => relation.kind === 'manyToMany')
    .map(joinTable);
  return { models, joins };
}

interface ColumnData {
  view: ColumnView;
  sqlType: 'text' | 'integer' | 'real';
  notNull: boolean;
  unique: boolean;
  primaryKey: boolean;
  defaultValue: string | number | undefined;
  codec: 'boolean' | 'json' | undefined;
  references: { table: string; onDelete: 'cascade' | 'set null' } | undefined;
  filterable: boolean;
}

function modelTable(model: Model, relations: Relation[]): ModelTable {
  const columns: ColumnData[] = [];
  for (const field of model.fields) {
    if (field.kind !== 'relation') {
      columns.push(scalarColumn(field));
    }
  }
  for (const relation of relations) {
    if (relation.kind !== 'manyToMany' && relation.a.model === model.name) {
      columns.push(foreignKeyColumn(relation));
    }
  }
  assertDistinctColumns(model.name, columns);

  const indexes = columns
    .filter((column) => column.references !== undefined && !column.unique)
    .map((column) => ({
      name: `${model.name}_${column.view.name}_idx`,
      columns: [column.view.name],
    }));
  return {
    name: model.name,
    columns: columns.map((column) => column.view),
    filterableColumns: columns.filter((column) => column.filterable).map((c) => c.view.name),
    uniqueColumns: columns
      .filter((column) => column.unique || column.primaryKey)
      .map((c) => c.view),
    literal: tableLiteral(model.name, columns, undefined, indexes),
  };
}

const SQL_TYPES: Record<string, 'text' | 'integer' | 'real'> = { Int: 'integer', Float: 'real' };
const VALUE_TYPES: Record<string, string> = {
  Boolean: 'boolean',
  Float: 'number',
  Int: 'number',
  Json: 'unknown',
};

function scalarColumn(field: ScalarField): ColumnData {
  const element = field.kind === 'enum' ? field.type : (VALUE_TYPES[field.type] ?? 'string');
  const isJson = field.isList || field.type === 'Json';
  const isBoolean = !field.isList && field.type === 'Boolean';
  const stored = isJson ? 'string' : isBoolean ? 'number' : element;
  const value = field.isList ? `${element}[]` : element;
  const nullable = (type: string) =>
    field.isRequired || type === 'unknown' ? type : `${type} | null`;
  const hasDefault = field.defaultValue !== undefined;
  const storedType = hasDefault ? `Generated<${nullable(stored)}>` : nullable(stored);

  return {
    view: {
      name: field.name,
      storedType,
      valueType: nullable(value),
      create: field.isSystem ? 'none' : field.isRequired && !hasDefault ? 'required' : 'optional',
      doc: '',
    },
    sqlType: isBoolean ? 'integer' : isJson ? 'text' : (SQL_TYPES[field.type] ?? 'text'),
    notNull: field.isRequired,
    unique: field.isUnique && field.name !== 'id',
    primaryKey: field.name === 'id',
    defaultValue: storedDefault(field, isJson),
    codec: isJson ? 'json' : isBoolean ? 'boolean' : undefined,
    references: undefined,
    filterable: !isJson,
  };
}

/** The default as the database stores it: booleans as 0/1, JSON and lists as JSON text. */
function storedDefault(field: ScalarField, isJson: boolean): string | number | undefined {
  const value = field.defaultValue;
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isJson) return typeof value === 'string' && isJsonText(value) ? value : JSON.stringify(value);
  return value;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function foreignKeyColumn(relation: Relation): ColumnData {
  const name = `${relation.a.field ?? lowerFirst(relation.name)}Id`;
  const target = relation.b.model;
  const via = relation.a.field === undefined ? '' : `, field \`${relation.a.field}\``;
  return {
    view: {
      name,
      storedType: 'string | null',
      valueType: 'string | null',
      create: 'optional',
      doc: `Id of the related \`${target}\` (relation \`${relation.name}\`${via}).`,
    },
    sqlType: 'text',
    notNull: false,
    unique: relation.kind === 'oneToOne',
    primaryKey: false,
    defaultValue: undefined,
    codec: undefined,
    references: { table: target, onDelete: 'set null' },
    filterable: true,
  };
}

function joinTable(relation: Relation): JoinTable {
  const name = `_${relation.name}`;
  const end = (column: 'A' | 'B', model: string): ColumnData => ({
    view: { name: column, storedType: 'string', valueType: 'string', create: 'required', doc: '' },
    sqlType: 'text',
    notNull: true,
    unique: false,
    primaryKey: false,
    defaultValue: undefined,
    codec: undefined,
    references: { table: model, onDelete: 'cascade' },
    filterable: true,
  });
  return {
    name,
    aModel: relation.a.model,
    bModel: relation.b.model,
    literal: tableLiteral(
      name,
      [end('A', relation.a.model), end('B', relation.b.model)],
      ['A', 'B'],
      [{ name: `${name}_B_idx`, columns: ['B'] }],
    ),
  };
}

function assertDistinctColumns(model: string, columns: ColumnData[]): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.view.name)) {
      throw new Error(
        `Model "${model}" would get two columns named "${column.view.name}": a relation's ` +
          `foreign key clashes with a field. Rename the field or the relation field.`,
      );
    }
    seen.add(column.view.name);
  }
}

/** The `TABLES` entry of one table, printed as a TypeScript object literal. */
function tableLiteral(
  name: string,
  columns: ColumnData[],
  primaryKey: string[] | undefined,
  indexes: { name: string; columns: string[] }[],
): string {
  const lines = [`{`, `  name: ${tsString(name)},`, `  columns: [`];
  for (const column of columns) {
    lines.push(`    ${columnLiteral(column)},`);
  }
  lines.push(`  ],`);
  if (primaryKey !== undefined) {
    lines.push(`  primaryKey: [${primaryKey.map(tsString).join(', ')}],`);
  }
  const indexLiterals = indexes.map(
    (index) =>
      `{ name: ${tsString(index.name)}, columns: [${index.columns.map(tsString).join(', ')}] }`,
  );
  lines.push(`  indexes: [${indexLiterals.join(', ')}],`, `}`);
  return lines.join('\n  ');
}

function columnLiteral(column: ColumnData): string {
  const parts = [`name: ${tsString(column.view.name)}`, `type: ${tsString(column.sqlType)}`];
  if (column.primaryKey) parts.push('primaryKey: true');
  if (column.notNull) parts.push('notNull: true');
  if (column.unique) parts.push('unique: true');
  if (column.defaultValue !== undefined) {
    const value = column.defaultValue;
    parts.push(`defaultValue: ${typeof value === 'string' ? tsString(value) : String(value)}`);
  }
  if (column.codec !== undefined) parts.push(`codec: ${tsString(column.codec)}`);
  if (column.references !== undefined) {
    const { table, onDelete } = column.references;
    parts.push(`references: { table: ${tsString(table)}, onDelete: ${tsString(onDelete)} }`);
  }
  return `{ ${parts.join(', ')} }`;
}

/** A single-quoted TypeScript string literal. */
export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
