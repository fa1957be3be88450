import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunOptions, RunResult } from '../../generator/run.js';
import { generate } from './generate.js';
import { makeTempDir } from './tempProject.js';
import { writeProject } from './writeProject.js';

/** A row as the generated repositories return it. */
export type Row = Record<string, unknown>;

/** `ctx.db.<Model>` of a generated project, typed loosely enough for any model. */
export interface Repository {
  create(data: Row): Promise<Row>;
  findById(id: string): Promise<Row | undefined>;
  findUnique(where: Row): Promise<Row | undefined>;
  findMany(where?: Row): Promise<Row[]>;
  update(id: string, patch: Row): Promise<Row | undefined>;
  delete(id: string): Promise<Row | undefined>;
  related(id: string, field: string): Promise<Row[] | Row | undefined>;
  link(id: string, field: string, otherId: string): Promise<void>;
  unlink(id: string, field: string, otherId: string): Promise<boolean>;
}

/** What `generated/db/index.ts` exports, as far as the tests use it. */
interface GeneratedDataLayer {
  openDatabase(projectDir: string, url: string): { kysely: unknown; close(): Promise<void> };
  migrateToLatest(kysely: unknown): Promise<string[]>;
  createDataAccess(kysely: unknown): Record<string, Repository>;
}

/** An open database of a generated project, brought up to date by its migrations. */
export interface Connection {
  db: Record<string, Repository>;
  /** The migrations this connection ran. */
  applied: string[];
  close(): Promise<void>;
}

/**
 * Loads the data layer the generator wrote into `projectDir` (vitest compiles it on import),
 * opens the database at `url` and runs `migrateToLatest`. A failing migration closes the
 * database and rejects with the migration's error.
 */
export async function connect(projectDir: string, url: string): Promise<Connection> {
  const layer = (await import(
    pathToFileURL(path.join(projectDir, 'generated', 'db', 'index.ts')).href
  )) as GeneratedDataLayer;
  const database = layer.openDatabase(projectDir, url);
  let applied: string[];
  try {
    applied = await layer.migrateToLatest(database.kysely);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { db: layer.createDataAccess(database.kysely), applied, close: () => database.close() };
}

/** A project holding only a types file, generated once. */
export async function typesProject(label: string, types: string): Promise<string> {
  const dir = await writeProject(
    label,
    { 'graphcool.yml': 'types: ./types.graphql\n', 'types.graphql': types },
    {},
  );
  await generate(dir);
  return dir;
}

/**
 * The next version of a project: a copy of `previousDir` (generated files and migrations
 * included) whose types file is replaced, then run through the generator as a user would.
 * Returns the run's result; with `expectFailure` a failed run is returned instead of thrown.
 */
export async function nextVersion(
  previousDir: string,
  types: string,
  options: Omit<RunOptions, 'projectDir'> & { expectFailure?: boolean } = {},
): Promise<{ dir: string; result: RunResult }> {
  const { expectFailure, ...runOptions } = options;
  const dir = path.join(await makeTempDir(`${path.basename(previousDir)}-next`), 'project');
  await cp(previousDir, dir, { recursive: true });
  await writeFile(path.join(dir, 'types.graphql'), types);
  if (expectFailure) {
    const { run } = await import('../../generator/run.js');
    return { dir, result: await run({ env: {}, ...runOptions, projectDir: dir }) };
  }
  return { dir, result: await generate(dir, runOptions) };
}
