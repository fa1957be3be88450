import {
  missingRenameMessage,
  missingValueMessage,
  removedFieldMessage,
  removedTableMessage,
  retypedFieldMessage,
  type DataLoss,
  type PlanProblem,
} from './migrationMessages.js';
import {
  indexSteps,
  orderRenames,
  orderTableCreations,
  orderTableDrops,
  type Fill,
  type Step,
  type TableMatch,
} from './migrationSteps.js';
import {
  indexesOf,
  type StoredColumn,
  type StoredSchema,
  type StoredTable,
} from './storedTables.js';

/** What a migration must do to turn the previous schema into the next. */
export interface MigrationPlan {
  steps: Step[];
  /** `add_User_age`: a name for the migration, from its first change. */
  slug: string;
  /** One sentence per change, e.g. `Adds column "age" to table "User".` */
  changes: string[];
  dataLoss: DataLoss[];
  problems: PlanProblem[];
}

/**
 * Compares the previous schema (the snapshot; `undefined` before the first migration) with the
 * next one and plans the migration between them. Tables and columns are matched by name or by
 * `@rename(oldName:)`; a column whose storage changed is dropped and added again (losing its
 * values), one whose nullability changed is copied into a new column; indexes follow their
 * columns. Steps run in an order SQLite and PostgreSQL both accept: index and column drops,
 * table drops, renames, creations, replacements, then indexes.
 */
export function planMigration(
  previous: StoredTable[] | undefined,
  next: StoredSchema,
  typesFile: string,
): MigrationPlan {
  return new Planner(previous ?? [], next, typesFile, previous !== undefined).run();
}

class Planner {
  private readonly indexDrops: Step[] = [];
  private readonly columnDrops: Step[] = [];
  private readonly columnRenames: Step[] = [];
  private readonly additions: Step[] = [];
  private readonly replacements: Step[] = [];
  private readonly indexCreations: Step[] = [];
  private readonly slugs: string[] = [];
  private readonly changes: string[] = [];
  private readonly dataLoss: DataLoss[] = [];
  private readonly problems: PlanProblem[] = [];
  /** Old table name to new table name, for every table kept. */
  private readonly tableNames = new Map<string, string>();

  constructor(
    private readonly previous: StoredTable[],
    private readonly next: StoredSchema,
    private readonly typesFile: string,
    private readonly hasPrevious: boolean,
  ) {}

  run(): MigrationPlan {
    const { matches, created, dropped } = this.matchTables();
    for (const match of matches) this.planColumns(match);
    for (const match of matches) this.planIndexes(match);
    const tableRenames = orderRenames(
      matches.filter((m) => m.old.name !== m.next.name).map((m) => [m.old.name, m.next.name]),
    );

    const steps: Step[] = [
      ...this.indexDrops,
      ...this.columnDrops,
      ...this.dropTables(dropped),
      ...tableRenames.map(([from, to]): Step => ({ kind: 'renameTable', from, to })),
      ...this.columnRenames,
      ...this.createTables(created, matches),
      ...this.additions,
      ...this.replacements,
      ...this.indexCreations,
    ];
    const slug = this.hasPrevious ? slugOf(this.slugs) : 'initial';
    return { steps, slug, changes: this.changes, dataLoss: this.dataLoss, problems: this.problems };
  }

  private change(slug: string, description: string): void {
    this.slugs.push(slug);
    this.changes.push(description);
  }

  private matchTables(): {
    matches: TableMatch[];
    created: StoredTable[];
    dropped: StoredTable[];
  } {
    const oldByName = new Map(this.previous.map((table) => [table.name, table]));
    const nextNames = new Set(this.next.tables.map((table) => table.name));
    const claimed = new Set<string>();
    const matches: TableMatch[] = [];
    const created: StoredTable[] = [];

    for (const table of this.next.tables) {
      let old = oldByName.get(table.name);
      const former = this.next.renamedFrom.get(table.name);
      if (old === undefined && former !== undefined) {
        const candidate = oldByName.get(former);
        if (candidate?.kind === table.kind && !claimed.has(former) && !nextNames.has(former)) {
          old = candidate;
          this.change(
            `rename_${former}_to_${table.name}`,
            `Renames table "${former}" to "${table.name}".`,
          );
        } else if (this.hasPrevious) {
          this.warnRename(
            `model "${table.name}"`,
            former,
            'its table is created empty',
            table.name,
          );
        }
      }
      if (
        old !== undefined &&
        table.kind === 'join' &&
        !sameLinks(old, table, this.next.renamedFrom)
      ) {
        // The relation now links other models: its links mean nothing there, so the table is new.
        old = undefined;
      }
      if (old === undefined) {
        created.push(table);
        this.change(`create_${table.name}`, `Creates table "${table.name}".`);
        continue;
      }
      claimed.add(old.name);
      this.tableNames.set(old.name, table.name);
      matches.push({ old, next: table, kept: new Map(), replaced: new Set() });
    }
    const dropped = this.previous.filter((table) => !claimed.has(table.name));
    return { matches, created, dropped };
  }

  private planColumns(match: TableMatch): void {
    const { old, next } = match;
    const oldColumns = new Map(old.columns.map((column) => [column.name, column]));
    const nextNames = new Set(next.columns.map((column) => column.name));
    const consumed = new Set<string>();
    const renames: [string, string][] = [];

    for (const column of next.columns) {
      const source = this.next.sources.get(`${next.name}.${column.name}`);
      const field = source?.field ?? `${next.name}.${column.name}`;
      let previous = oldColumns.get(column.name);
      const former = source?.renamedFrom;
      if (previous === undefined && former !== undefined) {
        const candidate = oldColumns.get(former);
        if (candidate !== undefined && !nextNames.has(former) && !consumed.has(former)) {
          previous = candidate;
        } else if (this.hasPrevious) {
          this.warnRename(`field "${field}"`, former, 'its column is added empty', next.name);
        }
      }

      if (previous === undefined) {
        this.additions.push(this.addColumn(next.name, column, 'is new'));
        this.change(
          `add_${next.name}_${column.name}`,
          `Adds column "${column.name}" to table "${next.name}".`,
        );
        continue;
      }
      consumed.add(previous.name);
      if (!sameStorage(previous, column, this.tableNames)) {
        this.columnDrops.push({ kind: 'dropColumn', table: old.name, column: previous.name });
        this.loseColumn(old.name, previous, next.name, field, 'changed type');
        this.additions.push(this.addColumn(next.name, column, 'changed its type'));
        this.change(
          `change_${next.name}_${column.name}`,
          `Replaces column "${previous.name}" of table "${old.name}", whose type changed.`,
        );
        continue;
      }
      match.kept.set(previous.name, column.name);
      if (previous.name !== column.name) {
        renames.push([previous.name, column.name]);
        this.change(
          `rename_${next.name}_${previous.name}_to_${column.name}`,
          `Renames column "${previous.name}" of table "${next.name}" to "${column.name}".`,
        );
      }
      if (Boolean(previous.notNull) !== Boolean(column.notNull)) {
        match.replaced.add(column.name);
        const fill = column.notNull
          ? this.fillFor(next.name, column, 'became required')
          : undefined;
        this.replacements.push({
          kind: 'replaceColumn',
          table: next.name,
          column,
          ...(fill && { fill }),
        });
        this.change(
          `change_${next.name}_${column.name}`,
          `Makes column "${column.name}" of table "${next.name}" ` +
            `${column.notNull ? 'required' : 'optional'}.`,
        );
      }
    }

    for (const [from, to] of orderRenames(renames)) {
      this.columnRenames.push({ kind: 'renameColumn', table: next.name, from, to });
    }
    for (const column of old.columns) {
      if (consumed.has(column.name)) continue;
      this.columnDrops.push({ kind: 'dropColumn', table: old.name, column: column.name });
      const field = column.field ?? `${next.name}.${column.name}`;
      this.loseColumn(old.name, column, next.name, field, 'was removed');
      this.change(
        `drop_${next.name}_${column.name}`,
        `Drops column "${column.name}" of table "${old.name}".`,
      );
    }
  }

  private addColumn(table: string, column: StoredColumn, why: string): Step {
    const fill = column.notNull ? this.fillFor(table, column, why) : undefined;
    return { kind: 'addColumn', table, column, ...(fill && { fill }) };
  }

  /** What existing rows receive in a required column; an error when the types do not say. */
  private fillFor(table: string, column: StoredColumn, why: string): Fill | undefined {
    const source = this.next.sources.get(`${table}.${column.name}`);
    if (source?.migrationValue !== undefined) {
      return { kind: 'value', value: source.migrationValue, source: '@migrationValue' };
    }
    if (source?.defaultValue !== undefined) {
      return { kind: 'value', value: source.defaultValue, source: '@defaultValue' };
    }
    if (source?.isTimestamp) return { kind: 'now' };
    const location = this.next.locations.get(table);
    this.problems.push({
      severity: 'error',
      code: 'MIGRATION_VALUE_REQUIRED',
      file: source?.file ?? location?.file ?? this.typesFile,
      position: source?.position ?? location?.position ?? { line: 1, column: 1 },
      message: missingValueMessage(source?.field ?? `${table}.${column.name}`, why, table),
    });
    return undefined;
  }

  /** Drops and creates the indexes the table's column changes call for (see `indexSteps`). */
  private planIndexes(match: TableMatch): void {
    const { drops, creations } = indexSteps(match);
    this.indexDrops.push(...drops);
    for (const step of creations) {
      const column = step.index.columns[0] ?? '';
      if (!step.checkUnique) {
        this.indexCreations.push({ kind: 'createIndex', index: step.index });
        continue;
      }
      const source = this.next.sources.get(`${match.next.name}.${column}`);
      const position = source?.position ?? { line: 1, column: 1 };
      const check = {
        field: source?.field ?? `${match.next.name}.${column}`,
        location: `${source?.file ?? this.typesFile}:${position.line}:${position.column}`,
      };
      this.indexCreations.push({ kind: 'createIndex', index: step.index, check });
      this.change(
        `unique_${match.next.name}_${column}`,
        `Makes column "${column}" of table "${match.next.name}" unique.`,
      );
    }
  }

  private dropTables(dropped: StoredTable[]): Step[] {
    const steps = orderTableDrops(dropped);
    for (const step of steps) {
      if (step.kind !== 'dropTable') continue;
      this.loseTable(dropped.find((table) => table.name === step.table)!);
      this.change(`drop_${step.table}`, `Drops table "${step.table}".`);
    }
    return steps;
  }

  /** New tables, with their indexes (created with the other indexes, last). */
  private createTables(created: StoredTable[], matches: TableMatch[]): Step[] {
    for (const table of created) {
      for (const index of indexesOf(table)) {
        this.indexCreations.push({ kind: 'createIndex', index });
      }
    }
    return orderTableCreations(created, new Set(matches.map((match) => match.next.name)));
  }

  private loseColumn(
    oldTable: string,
    column: StoredColumn,
    table: string,
    field: string,
    why: 'was removed' | 'changed type',
  ): void {
    const location = this.next.locations.get(table);
    this.dataLoss.push({
      description: `column "${column.name}" of table "${oldTable}"`,
      file: location?.file ?? this.typesFile,
      position: location?.position ?? { line: 1, column: 1 },
      message:
        why === 'was removed'
          ? removedFieldMessage(field, column.name, oldTable)
          : retypedFieldMessage(field, column.name, oldTable),
    });
  }

  private loseTable(table: StoredTable): void {
    this.dataLoss.push({
      description: `table "${table.name}"`,
      file: this.typesFile,
      position: { line: 1, column: 1 },
      message: removedTableMessage(table),
    });
  }

  private warnRename(owner: string, former: string, outcome: string, table: string): void {
    const location = this.next.locations.get(table);
    this.problems.push({
      severity: 'warning',
      code: 'RENAME_SOURCE_MISSING',
      file: location?.file ?? this.typesFile,
      position: location?.position ?? { line: 1, column: 1 },
      message: missingRenameMessage(former, owner, outcome),
    });
  }
}

/** Whether a join table still links the same two models (under their new names). */
function sameLinks(old: StoredTable, next: StoredTable, renamedFrom: Map<string, string>): boolean {
  const formerName = (name: string) => renamedFrom.get(name) ?? name;
  return next.columns.every((column, index) => {
    const target = column.references?.table;
    const previous = old.columns[index]?.references?.table;
    return target !== undefined && (previous === target || previous === formerName(target));
  });
}

/** Columns hold compatible values: same SQL type, same conversion, same referenced table. */
function sameStorage(
  old: StoredColumn,
  next: StoredColumn,
  tableNames: Map<string, string>,
): boolean {
  const codec = (column: StoredColumn) => (column.codec === 'datetime' ? undefined : column.codec);
  const target = old.references && (tableNames.get(old.references.table) ?? old.references.table);
  return old.type === next.type && codec(old) === codec(next) && target === next.references?.table;
}

function slugOf(slugs: string[]): string {
  const [first] = slugs;
  if (first === undefined) return 'change';
  const slug = slugs.length === 1 ? first : `${first}_and_more`;
  return slug.replace(/[^A-Za-z0-9]+/g, '_').slice(0, 60);
}
