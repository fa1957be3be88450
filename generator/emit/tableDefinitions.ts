import type { Project, Relation, ScalarField } from '../model/project.js';
import { arrayLiteral, objectArray, objectLiteral } from './codeShapes.js';
import { printDoc, type Doc } from './printDoc.js';
import {
  foreignKeyName,
  type ColumnSource,
  type StoredColumn,
  type StoredSchema,
} from './storedTables.js';

/** One model as the `db/` templates see it: its table, its columns and its TypeScript types. */
export interface ModelTable {
  name: string;
  columns: ColumnView[];
  /** Columns a handler may filter `findMany` by: plain values, not lists or JSON. */
  filterableColumns: string[];
  /** Columns that identify one row: `id` and every `@isUnique` field. */
  uniqueColumns: ColumnView[];
  /** The relation fields, for `<Model>Relations` in `db/schema.ts`. */
  relations: RelationView[];
  /** `db/tables.ts` entry: the table as data. */
  literal: string;
  /** `db/tables.ts` entry of `RELATIONS`, laid out: how to follow each relation field. */
  relationsEntry: string;
}

/** A column of a model table. Strings are ready to print into the templates. */
export interface ColumnView {
  name: string;
  /** Type in the Kysely table interface: what the database stores. */
  storedType: string;
  /** Type in the model interface: what handlers read. */
  valueType: string;
  /** Type `create` and `update` take: `DateTime` also takes a `Date`. */
  inputType: string;
  /** Whether `create` requires the column (`none` for id, createdAt and updatedAt). */
  create: 'required' | 'optional' | 'none';
  /** Doc comment of the property; empty when the name says enough. */
  doc: string;
}

/** A relation field and what following it returns. */
export interface RelationView {
  field: string;
  /** `Post[]` or `User | undefined`. */
  resultType: string;
}

/** A many-to-many join table with columns `A` and `B`. */
export interface JoinTable {
  name: string;
  aModel: string;
  bModel: string;
  literal: string;
}

const VALUE_TYPES: Record<string, string> = {
  Boolean: 'boolean',
  Float: 'number',
  Int: 'number',
  Json: 'unknown',
};

/** Turns the stored schema into what the `db/` templates print. */
export function tableDefinitions(
  project: Project,
  schema: StoredSchema,
): { models: ModelTable[]; joins: JoinTable[] } {
  const models = project.models.map((model): ModelTable => {
    const table = schema.tables.find((item) => item.kind === 'model' && item.name === model.name);
    const stored = table?.columns ?? [];
    const columns = stored.map((column) =>
      columnView(column, schema.sources.get(`${model.name}.${column.name}`)),
    );
    const relations = model.fields.flatMap((field) =>
      field.kind === 'relation' ? [relationLink(model.name, field.name, project.relations)] : [],
    );
    return {
      name: model.name,
      columns,
      filterableColumns: stored.filter((c) => c.codec !== 'json').map((c) => c.name),
      uniqueColumns: columns.filter(
        (_, index) => stored[index]?.unique || stored[index]?.primaryKey,
      ),
      relations: relations.map((link) => ({
        field: link.field,
        resultType: link.many ? `${link.target}[]` : `${link.target} | undefined`,
      })),
      literal: tableLiteral(model.name, stored, schema.sources),
      relationsEntry: printDoc(
        [
          `${model.name}: `,
          objectArray(
            relations.map(relationLiteral),
            relations.map(() => 4),
          ),
          ',',
        ],
        2,
      ),
    };
  });

  const joins = schema.tables
    .filter((table) => table.kind === 'join')
    .map((table): JoinTable => ({
      name: table.name,
      aModel: table.columns[0]?.references?.table ?? '',
      bModel: table.columns[1]?.references?.table ?? '',
      literal: tableLiteral(table.name, table.columns, schema.sources, table.primaryKey),
    }));
  return { models, joins };
}

function columnView(column: StoredColumn, source: ColumnSource | undefined): ColumnView {
  const nullable = (type: string) =>
    column.notNull || type === 'unknown' ? type : `${type} | null`;
  const scalar = source?.scalar;
  if (scalar === undefined) {
    const required = source?.requiredRelation ?? false;
    return {
      name: column.name,
      storedType: nullable('string'),
      valueType: nullable('string'),
      inputType: required ? 'string' : 'string | null',
      create: required ? 'required' : 'optional',
      doc: foreignKeyDoc(column, source),
    };
  }

  const value = valueType(scalar);
  const stored = column.codec === 'json' ? 'string' : column.type === 'text' ? 'string' : 'number';
  return {
    name: column.name,
    storedType: nullable(stored),
    valueType: nullable(value),
    inputType: nullable(scalar.type === 'DateTime' && !scalar.isList ? 'string | Date' : value),
    create: scalar.isSystem
      ? 'none'
      : scalar.isRequired && source?.defaultValue === undefined
        ? 'required'
        : 'optional',
    doc: '',
  };
}

function valueType(field: ScalarField): string {
  const element = field.kind === 'enum' ? field.type : (VALUE_TYPES[field.type] ?? 'string');
  return field.isList ? `${element}[]` : element;
}

function foreignKeyDoc(column: StoredColumn, source: ColumnSource | undefined): string {
  const target = column.references?.table ?? '';
  return `Id of the related \`${target}\` (field \`${source?.field ?? column.name}\`).`;
}

/** How a model's relation field is stored, as the repository's `RELATIONS` describe it. */
interface RelationLink {
  field: string;
  target: string;
  many: boolean;
  link: Doc;
}

function relationLink(model: string, field: string, relations: Relation[]): RelationLink {
  const relation = relations.find(
    (item) =>
      (item.a.model === model && item.a.field === field) ||
      (item.b.model === model && item.b.field === field),
  );
  if (relation === undefined) {
    throw new Error(`No relation is declared by the field "${model}.${field}".`);
  }
  const isA = relation.a.model === model && relation.a.field === field;
  const other = isA ? relation.b : relation.a;
  if (relation.kind === 'manyToMany') {
    const own = isA ? 'A' : 'B';
    const link = objectLiteral([
      `kind: 'join'`,
      `table: ${tsString(relation.name)}`,
      `own: '${own}'`,
      `other: '${isA ? 'B' : 'A'}'`,
    ]);
    return { field, target: other.model, many: true, link };
  }
  const column = tsString(foreignKeyName(relation));
  const exclusive = relation.kind === 'oneToOne';
  return {
    field,
    target: other.model,
    many: !isA && !exclusive,
    link: objectLiteral([
      `kind: '${isA ? 'own' : 'target'}'`,
      `column: ${column}`,
      `exclusive: ${exclusive}`,
    ]),
  };
}

function relationLiteral(link: RelationLink): Doc {
  return objectLiteral([
    `field: ${tsString(link.field)}`,
    `target: ${tsString(link.target)}`,
    `many: ${link.many}`,
    ['link: ', link.link],
  ]);
}

/** The `TABLES` entry of one table, printed as a TypeScript object literal. */
function tableLiteral(
  name: string,
  columns: StoredColumn[],
  sources: Map<string, ColumnSource>,
  primaryKey?: string[],
): string {
  // The template puts the first line two columns in; the lines after it carry their own.
  const lines = [`{`, `    name: ${tsString(name)},`, `    columns: [`];
  for (const column of columns) {
    const literal = columnLiteral(column, sources.get(`${name}.${column.name}`));
    lines.push(`      ${printDoc([literal, ','], 6)}`);
  }
  lines.push(`    ],`);
  if (primaryKey !== undefined) {
    lines.push(`    ${printDoc(['primaryKey: ', arrayLiteral(primaryKey.map(tsString)), ','], 4)}`);
  }
  lines.push(`  }`);
  return lines.join('\n');
}

function columnLiteral(column: StoredColumn, source: ColumnSource | undefined): Doc {
  const parts: Doc[] = [`name: ${tsString(column.name)}`, `type: ${tsString(column.type)}`];
  if (column.primaryKey) parts.push('primaryKey: true');
  if (column.notNull) parts.push('notNull: true');
  if (column.unique) parts.push('unique: true');
  const value = source?.defaultValue;
  if (value !== undefined) {
    parts.push(`defaultValue: ${typeof value === 'string' ? tsString(value) : String(value)}`);
  }
  if (column.codec !== undefined) parts.push(`codec: ${tsString(column.codec)}`);
  if (column.references !== undefined) {
    const { table, onDelete } = column.references;
    parts.push([
      'references: ',
      objectLiteral([`table: ${tsString(table)}`, `onDelete: ${tsString(onDelete)}`]),
    ]);
  }
  return objectLiteral(parts);
}

/** A single-quoted TypeScript string literal. */
export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
