// Measured by the benchmark: the generator's own GraphQL Code Generator call (its typescript and
// typescript-resolvers plugins, in process, no CLI and no formatting) on the schema file named
// by the first argument. What a full run cannot do without.
import { readFileSync } from 'node:fs';

const { codegenTypes } = await import(
  new URL('../dist/emit/codegenTypes.js', import.meta.url).href
);
await codegenTypes(readFileSync(process.argv[2], 'utf8'));
