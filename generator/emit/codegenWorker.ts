/**
 * The worker thread `startCodegen` starts: it loads GraphQL Code Generator right away, then
 * answers the one schema it is sent with the types, or with the error's text.
 */
import { parentPort } from 'node:worker_threads';

import { codegenTypes } from './codegenTypes.js';

const port = parentPort;
if (port) {
  // Loading the plugins is what takes time; start it before the schema arrives.
  const loading = Promise.all([
    import('@graphql-codegen/core'),
    import('@graphql-codegen/typescript'),
    import('@graphql-codegen/typescript-resolvers'),
  ]);
  port.once('message', (servedSchema: string) => {
    loading
      .then(() => codegenTypes(servedSchema))
      .then(
        (types) => port.postMessage({ types }),
        (error: unknown) => port.postMessage({ error: String(error) }),
      );
  });
}
