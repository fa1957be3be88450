import path from 'node:path';

import type { FSWatcher } from 'chokidar';

import { configFileName } from '../config/readConfig.js';
import { run, type RunOptions, type RunResult } from '../run.js';

/** How long after a watch begins to check once more for changes it may have missed. */
const CATCH_UP_MS = 500;

/** How `generator run --watch` runs and reports. */
export interface WatchOptions {
  run: RunOptions;
  /** Prints the summary of one run. */
  report: (result: RunResult) => void;
  /** Prints a line about the watcher itself, or an unexpected failure. */
  log: (line: string) => void;
  /** Watching stops when this signal aborts (SIGINT in the CLI). */
  signal: AbortSignal;
  /** Quiet time after the last change before a run starts; 150 ms by default. */
  debounceMs?: number;
  /** Also report runs that found nothing changed (e.g. after the generator's own writes). */
  verbose?: boolean;
}

/**
 * Runs the generator, then again after each change to graphcool.yml, a types file, an extension
 * file or a handler file (the files the last run read, so files added to graphcool.yml are
 * watched from the run that first reads them). Changes are debounced, runs never overlap, and an
 * error is reported without stopping the watch. Resolves once the signal aborts and the run in
 * progress, if any, has finished. chokidar is imported here, so other commands never load it.
 */
export async function watchProject(options: WatchOptions): Promise<void> {
  const { watch } = await import('chokidar');
  const projectDir = path.resolve(options.run.projectDir);
  const watched = new Set<string>();
  let watcher: FSWatcher | undefined = undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let failed = false;

  const runOnce = async (first: boolean): Promise<void> => {
    let result: RunResult;
    try {
      result = await run(options.run);
    } catch (error) {
      failed = true;
      options.log(
        `The run failed unexpectedly; still watching. ${(error as Error).stack ?? error}`,
      );
      return;
    }
    // A run that found nothing to do (often set off by the generator's own writes) is quiet,
    // unless it is the first, or the one that shows the errors of the last run are fixed.
    if (first || failed || !result.skipped || options.verbose) options.report(result);
    failed = !result.ok;

    const files = new Set(
      [configFileName, ...result.inputs].map((file) => path.join(projectDir, file)),
    );
    const added = [...files].filter((file) => !watched.has(file));
    // A failed run read only part of the project: keep watching what earlier runs read.
    const removed = result.ok ? [...watched].filter((file) => !files.has(file)) : [];
    for (const file of added) watched.add(file);
    for (const file of removed) watched.delete(file);
    if (watcher && added.length > 0) watcher.add(added);
    if (watcher && removed.length > 0) watcher.unwatch(removed);
    // A file first read by this run may have changed before its watch began: one more run once
    // it has begun catches that, and is quiet when nothing changed.
    if (watcher && added.length > 0 && result.ok) schedule(CATCH_UP_MS);
  };

  const start = () => {
    if (running) {
      again = true;
      return;
    }
    running = runOnce(false).finally(() => {
      running = undefined;
      if (again && !options.signal.aborted) {
        again = false;
        schedule();
      }
    });
  };
  const schedule = (delay = options.debounceMs ?? 150) => {
    clearTimeout(timer);
    timer = setTimeout(start, delay);
  };

  await runOnce(true);
  const ready = watch([...watched], { ignoreInitial: true });
  watcher = ready;
  ready.on('all', () => {
    if (!options.signal.aborted) schedule();
  });
  ready.on('error', (error) => options.log(`Watching failed: ${(error as Error).message}`));
  await new Promise<void>((resolve) => ready.once('ready', () => resolve()));
  if (!failed) schedule(CATCH_UP_MS);

  if (!options.signal.aborted) {
    options.log(`Watching ${watched.size} files for changes. Press Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  clearTimeout(timer);
  await running;
  await ready.close();
  options.log('Stopped watching.');
}
