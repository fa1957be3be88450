import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { codegenTypes } from './codegenTypes.js';

/** GraphQL Code Generator, loading in the background until the schema is known. */
export interface Codegen {
  /** The body of `generated/types.ts` for the served schema (see `codegenTypes`). */
  types(servedSchema: string): Promise<string>;
  /** Stops the worker; a run calls it whether or not it asked for types. */
  close(): Promise<void>;
}

/** The worker's entry, beside this module once compiled (`dist/emit/codegenWorker.js`). */
const WORKER = new URL('./codegenWorker.js', import.meta.url);

/**
 * Starts GraphQL Code Generator in a worker thread, so that loading its modules and rendering
 * the types (most of a full run's time on a large schema) overlap with the rest of the run on
 * another core. With `early`, the worker starts loading at once; otherwise (when the types will
 * most likely be kept) only when `types` is called. `types` sends it the schema. Run from
 * source, where no compiled worker exists, the same code runs in this thread when asked.
 */
export function startCodegen(options: { early: boolean }): Codegen {
  if (!existsSync(fileURLToPath(WORKER))) {
    return { types: codegenTypes, close: async () => undefined };
  }

  let started: { worker: Worker; exited: Promise<void> } | undefined;
  const start = () => {
    // A small young generation: the worker renders one schema and exits, and the default one
    // (tens of megabytes, on top of the main thread's) is most of a run's peak memory.
    const worker = new Worker(WORKER, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    // A worker that is not asked for types must not keep the process alive.
    worker.unref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    started = { worker, exited };
    return started;
  };
  if (options.early) start();

  let asked = false;
  return {
    types(servedSchema) {
      if (asked) throw new Error('startCodegen: types() may be called once. This is a bug.');
      asked = true;
      const { worker } = started ?? start();
      worker.ref();
      return new Promise<string>((resolve, reject) => {
        let replied = false;
        worker.once('message', (reply: { types: string } | { error: string }) => {
          replied = true;
          // One schema per worker: it is stopped before the run goes on, which frees its memory
          // before the repair step loads ts-morph.
          void worker.terminate().finally(() => {
            if ('types' in reply) resolve(reply.types);
            else reject(new Error(`GraphQL Code Generator failed: ${reply.error}`));
          });
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (replied) return;
          reject(new Error(`The GraphQL Code Generator worker stopped with exit code ${code}.`));
        });
        worker.postMessage(servedSchema);
      });
    },
    async close() {
      if (started === undefined) return;
      await started.worker.terminate();
      await started.exited;
    },
  };
}
