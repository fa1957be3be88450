import { z } from 'zod';

const environmentValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'must be a string, a number or a boolean',
});

const codeHandler = z.union(
  [
    z.string(),
    z
      .object({
        src: z.string({ error: 'must be the path of the handler file' }),
        environment: z.record(z.string(), environmentValue).nullish(),
      })
      .strict(),
  ],
  { error: 'must be a path, or { src: <path>, environment: { ... } }' },
);

const webhookHandler = z.union([
  z.string(),
  z.object({ url: z.string(), headers: z.record(z.string(), z.unknown()).nullish() }),
]);

const handler = z.union(
  [
    z.string(),
    z.object({ code: codeHandler }).strict(),
    z.object({ webhook: webhookHandler }).strict(),
  ],
  { error: 'must be a path, { code: ... } or { webhook: ... }' },
);

const functionDefinition = z.object({
  type: z.string({ error: 'is required: resolver, operationBefore, operationAfter, subscription' }),
  handler,
  schema: z.string().nullish(),
  query: z.string().nullish(),
  operation: z.string().nullish(),
  isEnabled: z.boolean().nullish(),
});

/** The shape of graphcool.yml, as the Graphcool Framework's own JSON schema describes it. */
export const configSchema = z
  .object({
    types: z.union([z.string(), z.array(z.string())], {
      error: 'is required: the path of the types file, or a list of paths',
    }),
    functions: z.record(z.string(), functionDefinition).nullish(),
    permissions: z.array(z.unknown()).nullish(),
    rootTokens: z.array(z.string({ error: 'must be a token name' })).nullish(),
    custom: z.unknown().optional(),
  })
  .strict();

/** graphcool.yml after variables are resolved and the shape is checked. */
export type RawConfig = z.infer<typeof configSchema>;
