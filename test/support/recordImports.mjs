// Loaded with `node --import`: records the URL of every module the process imports into the
// file named by RECORD_IMPORTS, so that a test can tell which packages a command loaded.
import { register } from 'node:module';

if (process.env.RECORD_IMPORTS) {
  register('./recordImportsHooks.mjs', import.meta.url, {
    data: { file: process.env.RECORD_IMPORTS },
  });
}
