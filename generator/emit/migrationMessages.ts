import type { Position } from '../report/diagnostic.js';
import type { StoredTable } from './storedTables.js';

/** A problem the plan found, located in the types files. */
export interface PlanProblem {
  severity: 'error' | 'warning';
  code: string;
  file: string;
  position: Position;
  message: string;
}

/** A step that loses data: what `--allow-data-loss` must allow, and where it comes from. */
export interface DataLoss {
  /** `column "age" of table "User"`. */
  description: string;
  file: string;
  position: Position;
  /** Why the step is needed and what to do instead. */
  message: string;
}

/** A required field whose column existing rows would leave empty. */
export function missingValueMessage(field: string, why: string, table: string): string {
  return (
    `Field "${field}" ${why} and is required, but table "${table}" may already hold rows, ` +
    `which need a value. Add @migrationValue(value: ...) to give them one (or ` +
    `@defaultValue(value: ...)), or make the field optional.`
  );
}

/** A field gone from the types, whose column would be dropped. */
export function removedFieldMessage(field: string, column: string, table: string): string {
  return (
    `Field "${field}" was removed, so the migration would drop column "${column}" of table ` +
    `"${table}" and the values it holds. If the field was renamed, add ` +
    `@rename(oldName: "${field.split('.').pop()}") to it; to drop the values, run again with ` +
    `--allow-data-loss.`
  );
}

/** A field whose stored type changed, so that its column is dropped and added again. */
export function retypedFieldMessage(field: string, column: string, table: string): string {
  return (
    `Field "${field}" changed its stored type, so the migration would replace column ` +
    `"${column}" of table "${table}" and lose its values. To accept that, run again with ` +
    `--allow-data-loss (and convert the values in the new migration before it runs, if you ` +
    `need them).`
  );
}

/** A model, or a many-to-many relation, gone from the types. */
export function removedTableMessage(table: StoredTable): string {
  return table.kind === 'join'
    ? `Many-to-many relation "${table.name}" was removed or renamed, so the migration would ` +
        `drop its table "${table.name}" and the links it holds. To drop them, run again with ` +
        `--allow-data-loss.`
    : `Model "${table.name}" was removed, so the migration would drop table "${table.name}" ` +
        `and its rows. If it was renamed, add @rename(oldName: "${table.name}") to the model; ` +
        `to drop the rows, run again with --allow-data-loss.`;
}

/** `@rename(oldName:)` naming a table or column the snapshot does not have. */
export function missingRenameMessage(former: string, owner: string, outcome: string): string {
  return (
    `@rename(oldName: "${former}") on ${owner} names nothing the database has, so ${outcome}. ` +
    `Check the former name, or remove @rename once its migration is written.`
  );
}
