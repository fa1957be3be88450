import { posix } from 'node:path';

import type { ResolverFunction } from '../model/project.js';
import type { OutputFile } from './emitProject.js';
import { docComment, wrapWords } from './codeShapes.js';
import { renderTemplate } from './renderTemplate.js';
import { functionView, moduleSpecifier, type FunctionView } from './templateData.js';

/**
 * The skeleton of a handler file that does not exist yet (`create-once`: an existing handler is
 * never touched). It is typed by the generated handler type, says in one line what it must
 * return and where the field is declared, and throws until it is written. A `.js` handler gets
 * the same skeleton typed through JSDoc.
 */
export async function handlerSkeleton(fn: ResolverFunction): Promise<OutputFile> {
  const view = functionView(fn);
  const handlersImport = moduleSpecifier(posix.dirname(fn.handlerFile), 'generated/handlers.ts');
  const summary =
    `Resolves \`${view.coordinate}\` (${view.schemaFile}): ` +
    `returns ${describeReturn(fn.returnType, view)}.`;
  const content = await renderTemplate(`handler/handler.${fn.language}`, {
    ...view,
    handlersImport,
    jsdocType: `{import('${handlersImport}').${view.handlerType}}`,
    summary: docComment(summary),
    summaryLines: wrapWords(summary, 3),
  });
  return { path: fn.handlerFile, content, mode: 'create-once', layout: 'preformatted' };
}

/** `a SignupUserPayload`, `a SignupUserPayload or null`, `a list of Post`. */
function describeReturn(returnType: string, view: FunctionView): string {
  const what = returnType.includes('[')
    ? `a list of ${view.payloadType}`
    : `${/^[AEIOU]/.test(view.payloadType) ? 'an' : 'a'} ${view.payloadType}`;
  return view.nullable ? `${what} or null` : what;
}
