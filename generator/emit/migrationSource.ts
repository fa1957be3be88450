import { prettierOptions } from './prettierOptions.js';
import type { Fill, Step } from './migrationSteps.js';
import type { StoredColumn } from './storedTables.js';
import { renderTemplate } from './renderTemplate.js';
import { tsString } from './tableDefinitions.js';

/**
 * The TypeScript of one migration, rendered from `templates/migrations/migration.ts.hbs`: a
 * Kysely migration whose `up` runs the steps with Kysely's schema builder, plus `sql` for the
 * few data statements. It imports nothing but `kysely`, so it keeps working whatever the
 * generator writes later, on SQLite and PostgreSQL alike.
 */
export async function migrationSource(
  name: string,
  changes: string[],
  steps: Step[],
): Promise<string> {
  const body: string[] = [];
  if (steps.some((step) => 'fill' in step && step.fill?.kind === 'now')) {
    body.push('const now = new Date().toISOString();', '');
  }
  for (const step of steps) body.push(...stepSource(step), '');
  body.pop();
  const usesSql = steps.some((step) => step.kind === 'replaceColumn');
  const checksUnique = steps.some((step) => step.kind === 'createIndex' && step.check);
  return renderTemplate('migrations/migration.ts', {
    name,
    changes,
    imports: usesSql || checksUnique ? '{ sql, type Kysely }' : 'type { Kysely }',
    body,
    checksUnique,
  });
}

/** The body of `up` is indented one level. */
const BODY_INDENT = 2;

function stepSource(step: Step): string[] {
  switch (step.kind) {
    case 'dropIndex':
      return [`await db.schema.dropIndex(${tsString(step.index.name)}).execute();`];
    case 'dropColumn':
      return [
        `await db.schema.alterTable(${tsString(step.table)})` +
          `.dropColumn(${tsString(step.column)}).execute();`,
      ];
    case 'dropTable':
      return [`await db.schema.dropTable(${tsString(step.table)}).execute();`];
    case 'renameTable':
      return [
        `await db.schema.alterTable(${tsString(step.from)})` +
          `.renameTo(${tsString(step.to)}).execute();`,
      ];
    case 'renameColumn':
      return [
        `await db.schema`,
        `  .alterTable(${tsString(step.table)})`,
        `  .renameColumn(${tsString(step.from)}, ${tsString(step.to)})`,
        `  .execute();`,
      ];
    case 'createTable':
      return [
        `await db.schema`,
        `  .createTable(${tsString(step.table.name)})`,
        ...step.columns.map((column) => `  ${addColumn(column)}`),
        ...(step.table.primaryKey
          ? [
              `  .addPrimaryKeyConstraint(${tsString(`${step.table.name}_pkey`)}, ` +
                `[${step.table.primaryKey.map(tsString).join(', ')}])`,
            ]
          : []),
        `  .execute();`,
      ];
    case 'addColumn':
      return [
        ...fillComment(step.fill),
        `await db.schema.alterTable(${tsString(step.table)})` +
          `${addColumn(step.column, step.fill)}.execute();`,
      ];
    case 'replaceColumn':
      return replaceColumn(step.table, step.column, step.fill);
    case 'createIndex': {
      const { name, table, columns, unique } = step.index;
      const check = step.check
        ? [
            `await assertUnique(db, ${tsString(table)}, ${tsString(columns[0] ?? '')}, ` +
              `${tsString(`${step.check.field} (${step.check.location})`)});`,
          ]
        : [];
      const calls = [
        `.createIndex(${tsString(name)})`,
        `.on(${tsString(table)})`,
        `.columns([${columns.map(tsString).join(', ')}])`,
        ...(unique ? ['.unique()'] : []),
        `.execute();`,
      ];
      // Prettier keeps a chain of calls with plain arguments on one line when it fits.
      const oneLine = `await db.schema${calls.join('')}`;
      return BODY_INDENT + oneLine.length <= prettierOptions.printWidth
        ? [...check, oneLine]
        : [...check, `await db.schema`, ...calls.map((call) => `  ${call}`)];
    }
  }
}

/** `.addColumn('name', 'text', (col) => ...)` for a column and what existing rows receive. */
function addColumn(column: StoredColumn, fill?: Fill, name = column.name): string {
  const modifiers: string[] = [];
  if (column.primaryKey) modifiers.push('.primaryKey()');
  if (column.notNull) modifiers.push('.notNull()');
  if (fill !== undefined) modifiers.push(`.defaultTo(${fillValue(fill)})`);
  if (column.references) {
    const { table, onDelete } = column.references;
    modifiers.push(`.references(${tsString(`${table}.id`)})`, `.onDelete(${tsString(onDelete)})`);
  }
  const builder = modifiers.length > 0 ? `, (col) => col${modifiers.join('')}` : '';
  return `.addColumn(${tsString(name)}, ${tsString(column.type)}${builder})`;
}

/**
 * SQLite cannot change a column's nullability in place, so the column is copied into a new one
 * with the new definition, which then takes its name. Its indexes are dropped before and
 * created again after (planned with the other indexes).
 */
function replaceColumn(table: string, column: StoredColumn, fill: Fill | undefined): string[] {
  const temporary = `${column.name}__new`;
  const ref = (name: string) => `\${sql.ref(${tsString(name)})}`;
  const guard = column.notNull ? ` where ${ref(column.name)} is not null` : '';
  return [
    ...(column.notNull
      ? [`// "${table}.${column.name}" became required; rows without a value get one.`]
      : [`// "${table}.${column.name}" became optional.`]),
    ...fillComment(fill),
    `await db.schema.alterTable(${tsString(table)})` +
      `${addColumn(column, fill, temporary)}.execute();`,
    `await sql\`update \${sql.table(${tsString(table)})} ` +
      `set ${ref(temporary)} = ${ref(column.name)}${guard}\`.execute(db);`,
    `await db.schema.alterTable(${tsString(table)})` +
      `.dropColumn(${tsString(column.name)}).execute();`,
    `await db.schema`,
    `  .alterTable(${tsString(table)})`,
    `  .renameColumn(${tsString(temporary)}, ${tsString(column.name)})`,
    `  .execute();`,
  ];
}

function fillComment(fill: Fill | undefined): string[] {
  if (fill === undefined) return [];
  return fill.kind === 'now'
    ? ['// Existing rows get the time the migration runs.']
    : [`// Existing rows get ${JSON.stringify(fill.value)} (${fill.source}).`];
}

function fillValue(fill: Fill): string {
  if (fill.kind === 'now') return 'now';
  return typeof fill.value === 'string' ? tsString(fill.value) : String(fill.value);
}
