import {
  indexesOf,
  type StoredColumn,
  type StoredIndex,
  type StoredTable,
} from './storedTables.js';

/** The value rows that exist when a required column appears receive. */
export type Fill =
  | { kind: 'value'; value: string | number; source: '@migrationValue' | '@defaultValue' }
  | { kind: 'now' };

/** One schema change, in the order a migration runs them. */
export type Step =
  | { kind: 'dropIndex'; index: StoredIndex }
  | { kind: 'dropColumn'; table: string; column: string }
  | { kind: 'dropTable'; table: string }
  | { kind: 'renameTable'; from: string; to: string }
  | { kind: 'renameColumn'; table: string; from: string; to: string }
  | { kind: 'createTable'; table: StoredTable; columns: StoredColumn[] }
  | { kind: 'addColumn'; table: string; column: StoredColumn; fill?: Fill }
  | { kind: 'replaceColumn'; table: string; column: StoredColumn; fill?: Fill }
  | { kind: 'createIndex'; index: StoredIndex; check?: { field: string; location: string } };

/**
 * Orders renames so that none takes a name still in use; a cycle (`a` to `b`, `b` to `a`)
 * goes through a temporary name.
 */
export function orderRenames(renames: [string, string][]): [string, string][] {
  const pending = [...renames];
  const ordered: [string, string][] = [];
  while (pending.length > 0) {
    const index = pending.findIndex(([, to]) => !pending.some(([from]) => from === to));
    if (index !== -1) {
      ordered.push(...pending.splice(index, 1));
      continue;
    }
    const [from, to] = pending.shift()!;
    const temporary = `${from}__renaming`;
    ordered.push([from, temporary]);
    pending.push([temporary, to]);
  }
  return ordered;
}

/**
 * The steps that drop tables: join tables first, then model tables, each before the tables it
 * references, so that no foreign key ever points at a dropped table. In a cycle of references,
 * the foreign keys pointing at the first table are dropped before it.
 */
export function orderTableDrops(dropped: StoredTable[]): Step[] {
  const steps: Step[] = [];
  const remaining = [
    ...dropped.filter((table) => table.kind === 'join'),
    ...dropped.filter((table) => table.kind === 'model'),
  ];
  const cut = new Set<string>();
  const pointsAt = (from: StoredTable, to: StoredTable) =>
    from.columns.filter(
      (column) =>
        from !== to &&
        column.references?.table === to.name &&
        !cut.has(`${from.name}.${column.name}`),
    );

  while (remaining.length > 0) {
    let index = remaining.findIndex((table) =>
      remaining.every((other) => pointsAt(other, table).length === 0),
    );
    if (index === -1) {
      index = 0;
      for (const other of remaining) {
        for (const column of pointsAt(other, remaining[0]!)) {
          cut.add(`${other.name}.${column.name}`);
          steps.push({ kind: 'dropColumn', table: other.name, column: column.name });
        }
      }
    }
    const [table] = remaining.splice(index, 1);
    steps.push({ kind: 'dropTable', table: table!.name });
  }
  return steps;
}

/**
 * The steps that create tables (models, then join tables) when `existing` tables are already
 * there. A table comes after the tables its foreign keys point at where it can; a foreign key
 * that closes a cycle of new tables is added once they all exist.
 */
export function orderTableCreations(created: StoredTable[], existing: Set<string>): Step[] {
  const available = new Set(existing);
  const ready = (table: StoredTable) =>
    table.columns.every(
      (column) =>
        !column.references ||
        column.references.table === table.name ||
        available.has(column.references.table),
    );
  const remaining = [...created];
  const steps: Step[] = [];
  const deferred: Step[] = [];
  while (remaining.length > 0) {
    const [table] = remaining.splice(Math.max(0, remaining.findIndex(ready)), 1);
    const columns: StoredColumn[] = [];
    for (const column of table!.columns) {
      const target = column.references?.table;
      if (target !== undefined && target !== table!.name && !available.has(target)) {
        deferred.push({ kind: 'addColumn', table: table!.name, column });
      } else {
        columns.push(column);
      }
    }
    available.add(table!.name);
    steps.push({ kind: 'createTable', table: table!, columns });
  }
  return [...steps, ...deferred];
}

/** A table of the previous schema matched with its table in the next one. */
export interface TableMatch {
  old: StoredTable;
  next: StoredTable;
  /** Old column name to new column name, for the columns whose values are kept. */
  kept: Map<string, string>;
  /** New names of kept columns copied into a new column (their nullability changed). */
  replaced: Set<string>;
}

/**
 * The index changes of a table kept from the previous schema. An index stays when the table
 * keeps it under the same name over the same columns and none of them is copied; any other is
 * dropped before the columns change and created after. `checkUnique` marks a new unique index
 * over values that were not unique before: the migration checks them first.
 */
export function indexSteps(match: TableMatch): {
  drops: Step[];
  creations: { index: StoredIndex; checkUnique: boolean }[];
} {
  const oldIndexes = indexesOf(match.old);
  const nextIndexes = indexesOf(match.next);
  const mapped = (index: StoredIndex) => index.columns.map((name) => match.kept.get(name));
  const same = (a: (string | undefined)[], b: string[]) =>
    a.length === b.length && a.every((name, i) => name === b[i]);
  const kept = new Set<string>();
  const drops: Step[] = [];

  for (const index of oldIndexes) {
    const stays = nextIndexes.some(
      (candidate) =>
        candidate.name === index.name &&
        candidate.unique === index.unique &&
        same(mapped(index), candidate.columns) &&
        !candidate.columns.some((name) => match.replaced.has(name)),
    );
    if (stays) kept.add(index.name);
    else drops.push({ kind: 'dropIndex', index });
  }

  const creations = nextIndexes
    .filter((index) => !kept.has(index.name))
    .map((index) => ({
      index,
      checkUnique:
        index.unique && !oldIndexes.some((old) => old.unique && same(mapped(old), index.columns)),
    }));
  return { drops, creations };
}
