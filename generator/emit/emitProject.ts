import type { Project } from '../model/project.js';
import type { Diagnostic } from '../report/diagnostic.js';
import { createHash } from 'node:crypto';

import { codegenTypes } from './codegenTypes.js';
import { GENERATED_GRAPHQL_HEADER, GENERATED_HEADER } from './generatedHeader.js';
import { handlerSkeleton } from './handlerSkeleton.js';
import { emitMigrations } from './migrationFiles.js';
import { packageFiles } from './packageFiles.js';
import { renderTemplate } from './renderTemplate.js';
import { templateData } from './templateData.js';

/** One file a run produces, before formatting. */
export interface OutputFile {
  /** Project-relative, POSIX separators. */
  path: string;
  /** Not yet prettier-formatted; write/ formats .ts, .js, .json and .graphql files. */
  content: string;
  /** `create-once`: written only when the file is missing. */
  mode: 'generated' | 'create-once';
  /** How the text is laid out; `prettier` when absent (see `Layout`). */
  layout?: Layout;
}

/**
 * `prettier`: write/ formats the text with prettier. `preformatted`: the text is emitted the
 * way prettier prints it, so write/ only checks that every line fits the print width and
 * formats the file when one does not. `as-printed`: written as the tool that printed it laid it
 * out (GraphQL Code Generator's types, which prettier would take seconds to reformat on a large
 * schema).
 */
export type Layout = 'prettier' | 'preformatted' | 'as-printed';

/** Everything a run would write, plus notes for the user (e.g. "run npm install"). */
export interface EmitResult {
  files: OutputFile[];
  notes: string[];
  /** Problems found while planning the migration; any error means nothing may be written. */
  diagnostics: Diagnostic[];
}

/** How to emit. */
export interface EmitOptions {
  /** Let the new migration drop tables and columns that hold data. */
  allowDataLoss?: boolean;
  /** Renders the body of generated/types.ts; GraphQL Code Generator in this thread by default. */
  codegen?: (servedSchema: string) => Promise<string>;
  /**
   * Outputs whose sources (see `renderedFrom`) are the same as when the file on disk was
   * written, with that file's content: emitted as they are instead of being rendered again.
   */
  unchanged?: ReadonlyMap<string, string>;
}

/** The files under `generated/` rendered from `templates/generated/<path>.hbs`. */
const GENERATED_TEMPLATES = [
  'auth/guards.ts',
  'auth/jwks.ts',
  'auth/keys.ts',
  'auth/middleware.ts',
  'auth/openTokens.ts',
  'auth/rootTokenCommand.ts',
  'auth/rootTokens.ts',
  'auth/secret.ts',
  'auth/settings.ts',
  'auth/store.ts',
  'auth/tokens.ts',
  'context.ts',
  'db/connection.ts',
  'db/index.ts',
  'db/migrate.ts',
  'db/repository.ts',
  'db/schema.ts',
  'db/tables.ts',
  'environment.ts',
  'errors.ts',
  'handlers.ts',
  'resolvers.ts',
  'schema.graphql',
  'server.ts',
] as const;

/**
 * Produces every file of the target project in memory: the `generated/` folder (rendered from
 * `templates/`, plus `generated/types.ts` from GraphQL Code Generator), the once-only
 * server.config.ts and handler skeletons, and additions to package.json, tsconfig.json and
 * .gitignore and .prettierignore, and the migration of a schema change with the schema snapshot
 * (see `emitMigrations`). `readExisting` reads a project file, or gives `undefined` when it is
 * missing. Files are sorted by path, so the result is the same from run to run.
 */
export async function emitProject(
  project: Project,
  readExisting: (relPath: string) => string | undefined,
  options: EmitOptions = {},
): Promise<EmitResult> {
  // Started first: in a worker it renders while everything else here is done.
  const typesPending = typesFile(project, options);
  typesPending.catch(() => undefined);
  const migrations = await emitMigrations(project, readExisting, {
    allowDataLoss: options.allowDataLoss ?? false,
  });
  const data = templateData(migrations.project);

  const generated = await Promise.all(
    GENERATED_TEMPLATES.map(async (path): Promise<OutputFile> => {
      const content = await renderTemplate(`generated/${path}`, data);
      return generatedFile(`generated/${path}`, content);
    }),
  );

  const serverConfig: OutputFile = {
    path: 'server.config.ts',
    content: await renderTemplate('project/server.config.ts', {}),
    mode: 'create-once',
    layout: 'preformatted',
  };
  const skeletons = await Promise.all(project.functions.map(handlerSkeleton));
  const owned = await packageFiles(project, readExisting);

  const types = await typesPending;
  const files = [...generated, types, serverConfig, ...skeletons, ...owned.files];
  files.push(...migrations.files);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    notes: [...owned.notes, ...migrations.notes],
    diagnostics: migrations.diagnostics,
  };
}

/**
 * For each output rendered from one part of the project alone, the hash of that part: when a
 * later run finds the same hash and the file as it was written, it keeps the file (`unchanged`).
 */
export function renderedFrom(project: Project): Record<string, string> {
  return { [TYPES_PATH]: createHash('sha256').update(project.servedSchema).digest('hex') };
}

const TYPES_PATH = 'generated/types.ts';

/** generated/types.ts, laid out as GraphQL Code Generator prints it. */
async function typesFile(project: Project, options: EmitOptions): Promise<OutputFile> {
  const kept = options.unchanged?.get(TYPES_PATH);
  if (kept !== undefined) {
    return { path: TYPES_PATH, content: kept, mode: 'generated', layout: 'as-printed' };
  }
  const codegen = options.codegen ?? codegenTypes;
  // GraphQL Code Generator's resolver types use `any`; linting them is not the project's job.
  const body = `/* eslint-disable */\n${await codegen(project.servedSchema)}`;
  return { ...generatedFile(TYPES_PATH, body), layout: 'as-printed' };
}

/** A generator-owned file, starting with the fixed header line. */
function generatedFile(path: string, body: string): OutputFile {
  const header = path.endsWith('.graphql') ? GENERATED_GRAPHQL_HEADER : GENERATED_HEADER;
  return {
    path,
    content: `${header}\n\n${body.trimEnd()}\n`,
    mode: 'generated',
    layout: 'preformatted',
  };
}
