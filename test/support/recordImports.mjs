// Loaded with `node --import`: records every module the process loads into the file named by
// RECORD_IMPORTS, so that a test can tell which packages a command loaded. ES modules are
// recorded by URL through module hooks, CommonJS modules by path as `require` resolves them.
// Worker threads run this too, so what a worker loads is recorded as well.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.RECORD_IMPORTS;
if (file) {
  register('./recordImportsHooks.mjs', import.meta.url, { data: { file } });

  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function recordedResolve(...args) {
    const resolved = resolveFilename.apply(this, args);
    if (resolved.startsWith('/') || /^[A-Za-z]:[\\/]/.test(resolved)) {
      appendFileSync(file, `${resolved}\n`);
    }
    return resolved;
  };
}
