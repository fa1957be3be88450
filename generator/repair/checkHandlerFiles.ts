import type { ProjectConfig } from '../config/readConfig.js';
import type { ResolverFunction } from '../model/project.js';
import type { Diagnostics } from '../report/diagnostic.js';

/**
 * Handler paths the generator could not keep: one file named by two functions (a file has one
 * default export, typed for one field), or a file inside `generated/`, which every run rewrites.
 * Each is an error at the function's handler in graphcool.yml.
 */
export function checkHandlerFiles(
  functions: readonly ResolverFunction[],
  config: ProjectConfig,
  diagnostics: Diagnostics,
): void {
  const firstUser = new Map<string, string>();
  for (const fn of functions) {
    const at = config.functions.find((item) => item.name === fn.name)?.handler.at ?? {
      line: 1,
      column: 1,
    };
    if (fn.handlerFile === 'generated' || fn.handlerFile.startsWith('generated/')) {
      diagnostics.error(
        'HANDLER_IN_GENERATED',
        config.file,
        at,
        `The handler "${fn.handlerFile}" of function "${fn.name}" is inside generated/, which ` +
          `every run rewrites. Move it, e.g. to "src/${fn.name}.${fn.language}".`,
      );
    }
    const other = firstUser.get(fn.handlerFile);
    if (other !== undefined) {
      diagnostics.error(
        'HANDLER_SHARED',
        config.file,
        at,
        `Functions "${other}" and "${fn.name}" both use the handler "${fn.handlerFile}". A ` +
          `handler file resolves one field: give function "${fn.name}" a file of its own.`,
      );
    } else {
      firstUser.set(fn.handlerFile, fn.name);
    }
  }
}
