import type { Project } from '../model/project.js';
import type { Diagnostic } from '../report/diagnostic.js';
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
}

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
 * .gitignore, and the migration of a schema change with the schema snapshot (see
 * `emitMigrations`). `readExisting` reads a project file, or gives `undefined` when it is
 * missing. Files are sorted by path, so the result is the same from run to run.
 */
export async function emitProject(
  project: Project,
  readExisting: (relPath: string) => string | undefined,
  options: EmitOptions = {},
): Promise<EmitResult> {
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
  const types = generatedFile(
    'generated/types.ts',
    // GraphQL Code Generator's resolver types use `any`; linting them is not the project's job.
    `/* eslint-disable */\n${await codegenTypes(project.servedSchema)}`,
  );

  const serverConfig: OutputFile = {
    path: 'server.config.ts',
    content: await renderTemplate('project/server.config.ts', {}),
    mode: 'create-once',
  };
  const skeletons = await Promise.all(project.functions.map(handlerSkeleton));
  const owned = await packageFiles(project, readExisting);

  const files = [...generated, types, serverConfig, ...skeletons, ...owned.files];
  files.push(...migrations.files);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    notes: [...owned.notes, ...migrations.notes],
    diagnostics: migrations.diagnostics,
  };
}

/** A generator-owned file, starting with the fixed header line. */
function generatedFile(path: string, body: string): OutputFile {
  const header = path.endsWith('.graphql') ? GENERATED_GRAPHQL_HEADER : GENERATED_HEADER;
  return { path, content: `${header}\n\n${body.trimEnd()}\n`, mode: 'generated' };
}
