import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostics, Position } from '../report/diagnostic.js';
import { configSchema, type RawConfig } from './configSchema.js';
import { readYaml, type YamlContent } from './readYaml.js';
import { resolveVariables, type VariableSources } from './resolveVariables.js';

/** The name of a Graphcool project's definition file. */
export const configFileName = 'graphcool.yml';

/** A value read from graphcool.yml, with where it stands. */
export interface Located<T> {
  value: T;
  at: Position;
}

/** The project definition, as later steps need it. */
export interface ProjectConfig {
  file: string;
  types: Located<string>[];
  functions: FunctionConfig[];
  rootTokens: Located<string>[];
}

/** One entry of `functions:` that this tool serves (a resolver with a code handler). */
export interface FunctionConfig {
  name: string;
  at: Position;
  schema?: Located<string>;
  handler: Located<string>;
  environmentKeys: string[];
}

/**
 * Reads graphcool.yml from the project folder: parses it, resolves variables, checks its shape,
 * and reports what this tool does not run (other function kinds, webhooks, permissions) as
 * warnings. Returns undefined when the file cannot be used; the reasons are in `diagnostics`.
 */
export async function readConfig(
  projectDir: string,
  sources: VariableSources,
  diagnostics: Diagnostics,
): Promise<ProjectConfig | undefined> {
  const file = configFileName;
  let text: string;
  try {
    text = await readFile(path.join(projectDir, file), 'utf8');
  } catch {
    diagnostics.error(
      'MISSING_CONFIG',
      file,
      { line: 1, column: 1 },
      `There is no ${file} in "${projectDir}". Run the command in a Graphcool project folder, ` +
        `or pass the folder: npx generator run <projectDir>.`,
    );
    return undefined;
  }

  const content = readYaml(text, file, diagnostics);
  if (!content) return undefined;
  const resolved = resolveVariables(content, file, sources, diagnostics);
  if (resolved === null || resolved === undefined) {
    diagnostics.error(
      'EMPTY_CONFIG',
      file,
      { line: 1, column: 1 },
      `${file} is empty. Add at least "types: ./types.graphql".`,
    );
    return undefined;
  }

  const parsed = configSchema.safeParse(resolved);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keyPath = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      if (unknownKeys.length > 0) {
        for (const key of unknownKeys) {
          diagnostics.error(
            'UNKNOWN_CONFIG_KEY',
            file,
            content.locateKey([...keyPath, key]),
            `"${key}" is not a key of ${describePath(keyPath)}. Remove it or check its spelling.`,
          );
        }
        continue;
      }
      diagnostics.error(
        'INVALID_CONFIG',
        file,
        content.locate(keyPath),
        `${describePath(keyPath)} ${issue.message}.`,
      );
    }
    return undefined;
  }

  return toProjectConfig(parsed.data, content, file, diagnostics);
}

function toProjectConfig(
  raw: RawConfig,
  content: YamlContent,
  file: string,
  diagnostics: Diagnostics,
): ProjectConfig {
  const typePaths = typeof raw.types === 'string' ? [raw.types] : raw.types;
  const types = typePaths.map((value, index) => ({
    value,
    at: content.locate(typeof raw.types === 'string' ? ['types'] : ['types', index]),
  }));

  const functions: FunctionConfig[] = [];
  for (const [name, definition] of Object.entries(raw.functions ?? {})) {
    const at = content.locateKey(['functions', name]);
    if (definition.isEnabled === false) {
      diagnostics.warning(
        'FUNCTION_DISABLED',
        file,
        at,
        `Function "${name}" has isEnabled: false and is not served.`,
      );
      continue;
    }
    if (definition.type !== 'resolver') {
      diagnostics.warning(
        'UNSUPPORTED_FUNCTION_TYPE',
        file,
        content.locate(['functions', name, 'type']),
        `Function "${name}" is of type "${definition.type}", which this version does not run; ` +
          `it is left out. Only "resolver" functions are generated.`,
      );
      continue;
    }
    const handler = definition.handler;
    if (typeof handler === 'object' && 'webhook' in handler) {
      diagnostics.warning(
        'UNSUPPORTED_WEBHOOK',
        file,
        content.locate(['functions', name, 'handler', 'webhook']),
        `Function "${name}" calls a webhook, which this version does not run; it is left out. ` +
          `Give it "handler: { code: <path> }" to serve it from this project.`,
      );
      continue;
    }
    const code = typeof handler === 'string' ? handler : handler.code;
    const src = typeof code === 'string' ? code : code.src;
    const srcPath =
      typeof handler === 'string'
        ? ['functions', name, 'handler']
        : typeof code === 'string'
          ? ['functions', name, 'handler', 'code']
          : ['functions', name, 'handler', 'code', 'src'];
    const environment = typeof code === 'object' ? (code.environment ?? {}) : {};
    functions.push({
      name,
      at,
      schema: definition.schema
        ? { value: definition.schema, at: content.locate(['functions', name, 'schema']) }
        : undefined,
      handler: { value: src, at: content.locate(srcPath) },
      environmentKeys: Object.keys(environment).sort(),
    });
  }

  const permissions = raw.permissions ?? [];
  if (permissions.length > 0) {
    diagnostics.warning(
      'UNSUPPORTED_PERMISSIONS',
      file,
      content.locate(['permissions']),
      `${permissions.length} permission rule(s) are not enforced by this version: the CRUD API ` +
        `they guard is not served yet. Check access in your handlers with ctx.auth.`,
    );
  }

  const rootTokens = (raw.rootTokens ?? []).map((value, index) => ({
    value,
    at: content.locate(['rootTokens', index]),
  }));

  return { file, types, functions, rootTokens };
}

function describePath(keyPath: readonly (string | number)[]): string {
  if (keyPath.length === 0) return 'The file';
  return `"${keyPath.join('.')}"`;
}
