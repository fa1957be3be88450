import type { Diagnostics } from '../report/diagnostic.js';
import type { YamlContent } from './readYaml.js';

/** Where the values of `${env:X}` and `${opt:x}` come from. */
export interface VariableSources {
  env: NodeJS.ProcessEnv;
  options: Record<string, string>;
}

const variablePattern = /\$\{([^}]*)\}/g;

/**
 * Resolves `${env:X}`, `${opt:x}` and `${self:path}` in every string of the config, except
 * inside `functions.*.handler.code.environment`, which the server resolves when it starts so
 * that secrets never reach generated files. Unresolvable variables are reported where they stand
 * and left as written, so that later checks still see a plausible value.
 */
export function resolveVariables(
  content: YamlContent,
  file: string,
  sources: VariableSources,
  diagnostics: Diagnostics,
): unknown {
  const root = content.value;

  const resolveString = (text: string, path: (string | number)[], depth: number): unknown => {
    const whole = /^\$\{([^}]*)\}$/.exec(text);
    if (whole) return resolveOne(whole[1] ?? '', path, depth) ?? text;
    return text.replace(variablePattern, (match, expression: string) => {
      const value = resolveOne(expression, path, depth);
      return value === undefined ? match : String(value);
    });
  };

  const resolveOne = (expression: string, path: (string | number)[], depth: number): unknown => {
    const at = content.locate(path);
    const [source, ...rest] = expression.split(':');
    const name = rest.join(':').trim();
    switch (source?.trim()) {
      case 'env': {
        const value = sources.env[name];
        if (value === undefined) {
          diagnostics.error(
            'MISSING_ENV_VARIABLE',
            file,
            at,
            `"\${env:${name}}" needs the environment variable "${name}", which is not set. ` +
              `Set it before running the generator, or replace the variable with a value.`,
          );
        }
        return value;
      }
      case 'opt': {
        const value = sources.options[name];
        if (value === undefined) {
          diagnostics.error(
            'MISSING_OPTION_VARIABLE',
            file,
            at,
            `"\${opt:${name}}" needs an option "${name}": pass --opt ${name}=<value>.`,
          );
        }
        return value;
      }
      case 'self': {
        const target = lookup(root, name.split('.'));
        if (target === undefined || depth > 10) {
          diagnostics.error(
            'UNKNOWN_SELF_REFERENCE',
            file,
            at,
            `"\${self:${name}}" points at nothing in ${file}. ` +
              'Use the dotted path of an existing key.',
          );
          return undefined;
        }
        return walk(target, path, depth + 1);
      }
      default:
        diagnostics.error(
          'UNKNOWN_VARIABLE',
          file,
          at,
          `"\${${expression}}" is not a variable this tool knows. ` +
            'Use ${env:NAME}, ${opt:name} or ${self:path}.',
        );
        return undefined;
    }
  };

  const walk = (value: unknown, path: (string | number)[], depth: number): unknown => {
    if (typeof value === 'string') return resolveString(value, path, depth);
    if (Array.isArray(value))
      return value.map((item, index) => walk(item, [...path, index], depth));
    if (value && typeof value === 'object') {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const itemPath = [...path, key];
        result[key] = isFunctionEnvironment(itemPath) ? item : walk(item, itemPath, depth);
      }
      return result;
    }
    return value;
  };

  return walk(root, [], 0);
}

function isFunctionEnvironment(path: readonly (string | number)[]): boolean {
  return (
    path.length === 5 &&
    path[0] === 'functions' &&
    path[2] === 'handler' &&
    path[3] === 'code' &&
    path[4] === 'environment'
  );
}

function lookup(root: unknown, keys: string[]): unknown {
  let current = root;
  for (const key of keys) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
