import { createRequire } from 'node:module';
import type * as Codegen from '@graphql-codegen/core';
import type * as TypeScriptPlugin from '@graphql-codegen/typescript';
import type * as TypeScriptResolversPlugin from '@graphql-codegen/typescript-resolvers';
import type * as GraphQL from 'graphql';

const require = createRequire(import.meta.url);

/**
 * Renders the body of `generated/types.ts` from the served schema with GraphQL Code Generator's
 * `typescript` and `typescript-resolvers` plugins, run in process. `startCodegen` runs this in a
 * worker thread; it is also called directly where no worker can be started.
 *
 * Type names are the SDL names with their first letter upper-cased (see `codegenTypeName`),
 * so the templates can name `SignupUserPayload` or `MutationSignupUserArgs` without guessing.
 */
export async function codegenTypes(servedSchema: string): Promise<string> {
  const { codegen, typescript, typescriptResolvers } = loadCodegen();
  // The schema must come from the graphql module the plugins use. graphql 16 has no `exports`
  // map, so Node resolves it to its CommonJS build for everyone; `require` makes sure of it
  // even where a bundler would pick the ES module build for this file.
  const { buildASTSchema, parse } = require('graphql') as typeof GraphQL;

  // The served schema is printed by the generator and already valid. Handing codegen both the
  // document and the built schema spares it merging and printing the schema again, which is
  // most of its time on a large schema; neither plugin adds type definitions that would need it.
  const document = parse(servedSchema, { noLocation: true });
  const output = await codegen({
    filename: 'generated/types.ts',
    schema: document,
    schemaAst: buildASTSchema(document, { assumeValid: true, assumeValidSDL: true }),
    documents: [],
    plugins: [{ typescript: {} }, { typescriptResolvers: {} }],
    pluginMap: { typescript, typescriptResolvers },
    config: {
      contextType: './context.js#Context',
      enumsAsTypes: true,
      namingConvention: codegenTypeName,
      scalars: { DateTime: 'string', Json: 'unknown' },
      useTypeImports: true,
    },
  });

  // Codegen leaves runs of blank lines between its parts; one is enough.
  return `${output.trim().replace(/\n{3,}/g, '\n\n')}\n`;
}

/**
 * GraphQL Code Generator's core and plugins, loaded from their CommonJS builds: `import` would
 * take their ES module builds, hundreds of small modules that take twice as long to load.
 */
export function loadCodegen(): {
  codegen: typeof Codegen.codegen;
  typescript: typeof TypeScriptPlugin;
  typescriptResolvers: typeof TypeScriptResolversPlugin;
} {
  const { codegen } = require('@graphql-codegen/core') as typeof Codegen;
  return {
    codegen,
    typescript: require('@graphql-codegen/typescript') as typeof TypeScriptPlugin,
    typescriptResolvers:
      require('@graphql-codegen/typescript-resolvers') as typeof TypeScriptResolversPlugin,
  };
}

/**
 * The naming convention given to the codegen plugins: each `_`-separated part of a name gets an
 * upper-case first letter and nothing else changes, so `signupUser` becomes `SignupUser` and an
 * argument type is `Mutation` + `SignupUser` + `Args`.
 */
export function codegenTypeName(name: string): string {
  return name
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('_');
}
