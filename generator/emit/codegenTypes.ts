/**
 * Renders the body of `generated/types.ts` from the served schema with GraphQL Code Generator's
 * `typescript` and `typescript-resolvers` plugins, run in process.
 *
 * Type names are the SDL names with their first letter upper-cased (see `codegenTypeName`),
 * so the templates can name `SignupUserPayload` or `MutationSignupUserArgs` without guessing.
 */
export async function codegenTypes(servedSchema: string): Promise<string> {
  const [{ codegen }, typescript, typescriptResolvers, { parse }] = await Promise.all([
    import('@graphql-codegen/core'),
    import('@graphql-codegen/typescript'),
    import('@graphql-codegen/typescript-resolvers'),
    import('graphql'),
  ]);

  const output = await codegen({
    filename: 'generated/types.ts',
    schema: parse(servedSchema),
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

  return `${output.trim()}\n`;
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
