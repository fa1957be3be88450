import { z } from 'zod';
import type { Relation } from '../model/project.js';
import { printJson } from './printJson.js';
import type { StoredTable } from './storedTables.js';

/** Where the snapshot lives in a target project. */
export const SNAPSHOT_PATH = 'generated/db/snapshot.json';

/**
 * The database schema as the migrations committed so far leave it. The next run compares it
 * with the schema of the types files and writes a migration for the difference.
 */
export interface SchemaSnapshot {
  /** The last migration the generator wrote, or `null` before the first one. */
  migration: string | null;
  tables: StoredTable[];
  /** The relations, so that each keeps its orientation when a model or field is renamed. */
  relations: Relation[];
}

const FORMAT = 1;

const column = z
  .object({
    name: z.string(),
    type: z.enum(['text', 'integer', 'double precision']),
    primaryKey: z.literal(true).optional(),
    notNull: z.literal(true).optional(),
    unique: z.literal(true).optional(),
    codec: z.enum(['boolean', 'json', 'datetime']).optional(),
    references: z
      .object({ table: z.string(), onDelete: z.enum(['cascade', 'set null']) })
      .optional(),
    field: z.string().optional(),
  })
  .strict();

const relationEnd = z.object({
  model: z.string(),
  field: z.string().optional(),
  isList: z.boolean(),
});

const snapshotSchema = z.object({
  generatedBy: z.string(),
  format: z.literal(FORMAT),
  migration: z.string().nullable(),
  tables: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['model', 'join']),
      columns: z.array(column),
      primaryKey: z.array(z.string()).optional(),
    }),
  ),
  relations: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['oneToOne', 'oneToMany', 'manyToMany']),
      a: relationEnd,
      b: relationEnd,
    }),
  ),
});

/** The snapshot a file holds, or the reason it cannot be read. */
export function parseSnapshot(text: string): SchemaSnapshot | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `it is not JSON (${(error as Error).message})` };
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'unexpected'}` };
  }
  const { migration, tables, relations } = parsed.data;
  return { migration, tables: tables as StoredTable[], relations };
}

/** The snapshot as JSON, keys in a fixed order, so that it is the same from run to run. */
export function renderSnapshot(snapshot: SchemaSnapshot): string {
  const document = {
    generatedBy:
      'graphcool-generator (npx generator run). Do not edit: the next migration is computed ' +
      'from the difference between this file and the types.',
    format: FORMAT,
    migration: snapshot.migration,
    tables: snapshot.tables,
    relations: snapshot.relations.map(({ name, kind, a, b }) => ({ name, kind, a, b })),
  };
  return printJson(document);
}
