import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { Project, Relation, RelationEnd } from '../model/project.js';
import { compareText, type Diagnostic } from '../report/diagnostic.js';
import { planMigration } from './migrationPlan.js';
import { migrationSource } from './migrationSource.js';
import {
  parseSnapshot,
  renderSnapshot,
  SNAPSHOT_PATH,
  type SchemaSnapshot,
} from './schemaSnapshot.js';
import { storedSchema } from './storedTables.js';

/** The folder of a target project that holds its migrations. */
export const MIGRATIONS_DIR = 'migrations';

/** A file the migrations add to a run's output. */
export interface MigrationFile {
  path: string;
  content: string;
  mode: 'generated' | 'create-once';
  layout: 'preformatted';
}

/** The migration files of a run, and what the rest of the emit step must know. */
export interface MigrationOutput {
  /** The project with each relation oriented as the database already stores it. */
  project: Project;
  /** The snapshot, and the new migration when the schema changed. */
  files: MigrationFile[];
  /** For the summary: the new migration, and what it drops when data loss was allowed. */
  notes: string[];
  /** Problems that stop the run (errors) or that the user should see (warnings). */
  diagnostics: Diagnostic[];
}

/**
 * Compares the schema snapshot committed under `generated/db/` with the project's types and,
 * when they differ, writes the next numbered migration into `migrations/` and a new snapshot.
 * The first run writes the initial migration. Steps that lose data are errors unless
 * `allowDataLoss`; then the notes list them.
 */
export async function emitMigrations(
  project: Project,
  readExisting: (relPath: string) => string | undefined,
  options: { allowDataLoss: boolean },
): Promise<MigrationOutput> {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, file: string, message: string) =>
    diagnostics.push({ severity: 'error', code, file, line: 1, column: 1, message });

  const existing = listMigrations(project.dir);
  const snapshotText = readExisting(SNAPSHOT_PATH);
  let snapshot: SchemaSnapshot | undefined;
  if (snapshotText !== undefined) {
    const parsed = parseSnapshot(snapshotText);
    if ('error' in parsed) {
      error(
        'SNAPSHOT_INVALID',
        SNAPSHOT_PATH,
        `The schema snapshot cannot be read: ${parsed.error}. Restore it from version control ` +
          `(it must describe the schema the migrations in ${MIGRATIONS_DIR}/ produce).`,
      );
    } else {
      snapshot = parsed;
    }
  } else if (existing.length > 0) {
    error(
      'SNAPSHOT_MISSING',
      SNAPSHOT_PATH,
      `${SNAPSHOT_PATH} is missing, but ${MIGRATIONS_DIR}/ holds ${existing.length} ` +
        `migration(s). Restore the snapshot from version control: the next migration is ` +
        `computed from it.`,
    );
  }
  if (snapshot?.migration && !existing.includes(snapshot.migration)) {
    error(
      'SNAPSHOT_MIGRATION_MISSING',
      SNAPSHOT_PATH,
      `The schema snapshot was written with migration "${snapshot.migration}", which is not in ` +
        `${MIGRATIONS_DIR}/. Restore that migration, or restore the snapshot from before it ` +
        `(e.g. "git checkout -- ${SNAPSHOT_PATH}") and run again.`,
    );
  }
  if (diagnostics.length > 0) return { project, files: [], notes: [], diagnostics };

  const oriented = { ...project, relations: orientRelations(project, snapshot?.relations ?? []) };
  const schema = storedSchema(oriented);
  const typesFile = project.typeFiles[0] ?? 'types.graphql';
  const plan = planMigration(snapshot?.tables, schema, typesFile);
  for (const problem of plan.problems) {
    const { severity, code, file, position, message } = problem;
    diagnostics.push({ severity, code, file, ...position, message });
  }
  if (!options.allowDataLoss) {
    for (const loss of plan.dataLoss) {
      diagnostics.push({
        severity: 'error',
        code: 'DATA_LOSS',
        file: loss.file,
        ...loss.position,
        message: loss.message,
      });
    }
  }

  const files: MigrationFile[] = [];
  const notes: string[] = [];
  let latest = snapshot?.migration ?? null;
  if (plan.steps.length > 0) {
    latest = `${nextNumber(existing)}_${plan.slug}`;
    const file = `${MIGRATIONS_DIR}/${latest}.ts`;
    files.push({
      path: file,
      content: await migrationSource(latest, plan.changes, plan.steps),
      mode: 'create-once',
      layout: 'preformatted',
    });
    notes.push(
      `New migration ${file}: review it and commit it; the server applies it when it starts.`,
    );
    if (plan.dataLoss.length > 0) {
      notes.push(
        `${file} drops data (--allow-data-loss): ` +
          `${plan.dataLoss.map((loss) => loss.description).join('; ')}.`,
      );
    }
  }

  files.push({
    path: SNAPSHOT_PATH,
    content: renderSnapshot({
      migration: latest,
      tables: schema.tables,
      relations: oriented.relations,
    }),
    mode: 'generated',
    layout: 'preformatted',
  });
  return { project: oriented, files, notes, diagnostics };
}

/** The migration names in `migrations/` (files without their extension), sorted. */
function listMigrations(projectDir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(path.join(projectDir, MIGRATIONS_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => /\.(ts|mts|js|mjs)$/.test(entry) && !/\.d\.[mc]?ts$/.test(entry))
    .map((entry) => entry.replace(/\.[^.]+$/, ''))
    .sort(compareText);
}

/** `0007`: one more than the highest number any migration name starts with. */
function nextNumber(names: string[]): string {
  const highest = Math.max(0, ...names.map((name) => Number(/^\d+/.exec(name)?.[0] ?? 0)));
  return String(highest + 1).padStart(4, '0');
}

/**
 * Which end of a one-to-one or many-to-many relation is `a` decides where its links are stored
 * (the foreign key, or the join table's column `A`). It follows from sorting names, so renaming
 * a model or a field could flip it; the relation keeps the orientation the snapshot recorded.
 */
function orientRelations(project: Project, previous: Relation[]): Relation[] {
  const modelNames = new Map<string, string>();
  const fieldNames = new Map<string, string>();
  for (const model of project.models) {
    modelNames.set(model.name, model.name);
    if (model.renamedFrom !== undefined) modelNames.set(model.renamedFrom, model.name);
    for (const field of model.fields) {
      if (field.kind === 'relation' && field.renamedFrom !== undefined) {
        fieldNames.set(`${model.name}.${field.renamedFrom}`, field.name);
      }
    }
  }
  const renamed = (end: RelationEnd): { model: string; field?: string } => {
    const model = modelNames.get(end.model) ?? end.model;
    const field = end.field && (fieldNames.get(`${model}.${end.field}`) ?? end.field);
    return { model, ...(field !== undefined && { field }) };
  };
  const same = (x: { model: string; field?: string }, y: RelationEnd) =>
    x.model === y.model && x.field === y.field;

  return project.relations.map((relation) => {
    if (relation.kind === 'oneToMany') return relation;
    const old = previous.find((item) => item.name === relation.name && item.kind === relation.kind);
    if (old === undefined) return relation;
    const formerA = renamed(old.a);
    const swapped = { ...relation, a: relation.b, b: relation.a };
    if (same(formerA, relation.a)) return relation;
    if (same(formerA, relation.b)) return swapped;
    // A field renamed without @rename: the models still tell the ends apart, unless they match.
    return formerA.model !== relation.a.model && formerA.model === relation.b.model
      ? swapped
      : relation;
  });
}
