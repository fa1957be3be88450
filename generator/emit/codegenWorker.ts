/**
 * The worker thread `startCodegen` starts: it loads GraphQL Code Generator right away, then
 * answers the one schema it is sent with the types, or with the error's text.
 */
import { parentPort } from 'node:worker_threads';

import { codegenTypes, loadCodegen } from './codegenTypes.js';

const port = parentPort;
if (port) {
  // Loading the plugins is what takes time; do it before the schema arrives.
  loadCodegen();
  port.once('message', (servedSchema: string) => {
    codegenTypes(servedSchema).then(
      (types) => port.postMessage({ types }),
      (error: unknown) => port.postMessage({ error: String(error) }),
    );
  });
}
