import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, Kind, Lexer, parse, Source, TokenKind, type DocumentNode } from 'graphql';
import type { FunctionConfig, Located, ProjectConfig } from '../config/readConfig.js';
import type { Diagnostics } from '../report/diagnostic.js';

/** A parsed GraphQL file and its project-relative path. */
export interface SourceFile {
  file: string;
  document: DocumentNode;
}

/** A resolver function with its parsed extension file and normalised handler path. */
export interface LoadedFunction {
  config: FunctionConfig;
  schema: SourceFile;
  handlerFile: string;
  language: 'ts' | 'js';
}

/** Everything the validate and model steps read. */
export interface LoadedSources {
  typeFiles: SourceFile[];
  functions: LoadedFunction[];
}

/**
 * Reads and parses the types files and every resolver's extension file named in graphcool.yml.
 * Missing files and syntax errors are reported where they are named or where they stand.
 */
export async function loadSources(
  projectDir: string,
  config: ProjectConfig,
  diagnostics: Diagnostics,
): Promise<LoadedSources> {
  const typeFiles: SourceFile[] = [];
  for (const typesPath of config.types) {
    const loaded = await loadGraphQL(projectDir, config.file, typesPath, 'types file', diagnostics);
    if (loaded) typeFiles.push(loaded);
  }

  const functions: LoadedFunction[] = [];
  for (const fn of config.functions) {
    if (!fn.schema) {
      diagnostics.error(
        'MISSING_SCHEMA',
        config.file,
        fn.at,
        `Function "${fn.name}" is a resolver but has no "schema". Add the path of the SDL file ` +
          `that extends Query or Mutation, e.g. "schema: src/${fn.name}.graphql".`,
      );
      continue;
    }
    const handler = checkHandlerPath(projectDir, config.file, fn, diagnostics);
    const schema = await loadGraphQL(
      projectDir,
      config.file,
      fn.schema,
      'schema file',
      diagnostics,
    );
    if (schema && handler) functions.push({ config: fn, schema, ...handler });
  }

  return { typeFiles, functions };
}

async function loadGraphQL(
  projectDir: string,
  configFile: string,
  reference: Located<string>,
  what: string,
  diagnostics: Diagnostics,
): Promise<SourceFile | undefined> {
  const file = projectRelative(projectDir, reference.value);
  let text: string;
  try {
    // Synchronous: hundreds of small files, each read faster than a thread-pool round trip.
    text = readFileSync(path.join(projectDir, file), 'utf8');
  } catch {
    diagnostics.error(
      'MISSING_FILE',
      configFile,
      reference.at,
      `The ${what} "${reference.value}" does not exist. Create it or fix the path.`,
    );
    return undefined;
  }

  if (isBlank(text)) return { file, document: { kind: Kind.DOCUMENT, definitions: [] } };
  try {
    return { file, document: parse(new Source(text, file)) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const at = error.locations?.[0] ?? { line: 1, column: 1 };
    diagnostics.error('GRAPHQL_SYNTAX', file, at, `${error.message}. Fix the GraphQL syntax.`);
    return undefined;
  }
}

/** True for a file that holds nothing but white space and comments. */
function isBlank(text: string): boolean {
  try {
    return new Lexer(new Source(text)).advance().kind === TokenKind.EOF;
  } catch {
    return false;
  }
}

function checkHandlerPath(
  projectDir: string,
  configFile: string,
  fn: FunctionConfig,
  diagnostics: Diagnostics,
): { handlerFile: string; language: 'ts' | 'js' } | undefined {
  const handlerFile = projectRelative(projectDir, fn.handler.value);
  if (handlerFile.startsWith('../') || path.isAbsolute(handlerFile)) {
    diagnostics.error(
      'HANDLER_OUTSIDE_PROJECT',
      configFile,
      fn.handler.at,
      `The handler "${fn.handler.value}" of function "${fn.name}" is outside the project ` +
        `folder. Move it into the project and update the path.`,
    );
    return undefined;
  }
  const extension = path.posix.extname(handlerFile);
  if (extension !== '.ts' && extension !== '.js') {
    diagnostics.error(
      'UNSUPPORTED_HANDLER_EXTENSION',
      configFile,
      fn.handler.at,
      `The handler "${fn.handler.value}" of function "${fn.name}" must end in .ts or .js.`,
    );
    return undefined;
  }
  return { handlerFile, language: extension === '.ts' ? 'ts' : 'js' };
}

/** A path from graphcool.yml as a normalised, project-relative POSIX path. */
export function projectRelative(projectDir: string, reference: string): string {
  const absolute = path.resolve(projectDir, reference);
  return path.relative(projectDir, absolute).split(path.sep).join('/');
}
