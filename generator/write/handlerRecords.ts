import type { ResolverFunction } from '../model/project.js';
import { compareText } from '../report/diagnostic.js';
import { hashText, type HandlerRecord, type Manifest, type OrphanRecord } from './manifest.js';

/** A handler file that no resolver function uses any more. */
export interface Orphan {
  file: string;
  reason: string;
  /** Still byte for byte what the generator wrote: `--prune` may delete it. */
  prunable: boolean;
}

/**
 * The handler files the last run knew that no function uses now and that still exist: a function
 * removed from graphcool.yml, or one whose handler moved. `texts` holds their current content.
 */
export function findOrphans(
  previous: Manifest | undefined,
  functions: readonly ResolverFunction[],
  texts: ReadonlyMap<string, string | undefined>,
): Orphan[] {
  const orphans: Orphan[] = [];
  for (const [file, record] of knownHandlers(previous)) {
    const text = texts.get(file);
    if (text === undefined || functions.some((fn) => fn.handlerFile === file)) continue;
    orphans.push({
      file,
      reason: orphanReason(record, functions),
      prunable: record.written !== undefined && record.written === hashText(text),
    });
  }
  return orphans;
}

/** Files `findOrphans` needs to read: every handler file the last run knew. */
export function knownHandlerFiles(previous: Manifest | undefined): string[] {
  return [...knownHandlers(previous).keys()];
}

/** What the manifest keeps about each handler file after a run. */
export interface HandlerState {
  /** Handler files as they were before the run (`undefined`: missing). */
  before: ReadonlyMap<string, string | undefined>;
  /** Handler files as they are after the run. */
  after: ReadonlyMap<string, string>;
  /** Files the repair step changed. */
  repaired: ReadonlySet<string>;
  /** Files known to need no repair for their current handler type. */
  verified: ReadonlySet<string>;
  /** The handler type each function's file must carry. */
  handlerTypes: ReadonlyMap<string, string>;
}

/**
 * The manifest records of the current handler files and of the orphans left in place. A file
 * keeps the hash of what the generator wrote (its skeleton, or a repair of an untouched one) so
 * that `--prune` can tell whether the user ever changed it.
 */
export function handlerRecords(
  previous: Manifest | undefined,
  functions: readonly ResolverFunction[],
  orphans: readonly Orphan[],
  pruned: ReadonlySet<string>,
  state: HandlerState,
): { handlers: Record<string, HandlerRecord>; orphans: Record<string, OrphanRecord> } {
  const known = knownHandlers(previous);
  const handlers: Record<string, HandlerRecord> = {};
  for (const fn of functions) {
    const file = fn.handlerFile;
    const before = state.before.get(file);
    const after = state.after.get(file);
    const last = known.get(file);
    const record: HandlerRecord = { function: fn.name, field: `${fn.operation}.${fn.fieldName}` };
    const untouched =
      before !== undefined && last?.written !== undefined && last.written === hashText(before);
    if (after !== undefined && (before === undefined || (untouched && state.repaired.has(file)))) {
      record.written = hashText(after);
    } else if (last?.written !== undefined) {
      record.written = last.written;
    }
    const type = state.handlerTypes.get(file);
    if (after !== undefined && type !== undefined && state.verified.has(file)) {
      record.verified = { type, hash: hashText(after) };
    }
    handlers[file] = record;
  }

  const orphanRecords: Record<string, OrphanRecord> = {};
  for (const orphan of orphans) {
    const last = known.get(orphan.file);
    if (pruned.has(orphan.file) || !last) continue;
    orphanRecords[orphan.file] = {
      function: last.function,
      field: last.field,
      ...(last.written !== undefined && { written: last.written }),
      reason: orphan.reason,
    };
  }
  return { handlers, orphans: orphanRecords };
}

/**
 * Notes for handler files that now resolve another field than when the last run saw them
 * (the field was renamed, and the handler file kept).
 */
export function renamedFields(
  previous: Manifest | undefined,
  functions: readonly ResolverFunction[],
): string[] {
  return functions.flatMap((fn) => {
    const last = previous?.handlers[fn.handlerFile];
    const field = `${fn.operation}.${fn.fieldName}`;
    return last && last.field !== field
      ? [`${fn.handlerFile} now resolves "${field}" (it resolved "${last.field}").`]
      : [];
  });
}

function knownHandlers(previous: Manifest | undefined): Map<string, HandlerRecord | OrphanRecord> {
  const known = new Map<string, HandlerRecord | OrphanRecord>();
  const files = [
    ...Object.keys(previous?.orphans ?? {}),
    ...Object.keys(previous?.handlers ?? {}),
  ].sort(compareText);
  for (const file of files) {
    const record = previous?.handlers[file] ?? previous?.orphans[file];
    if (record) known.set(file, record);
  }
  return known;
}

function orphanReason(
  record: HandlerRecord | OrphanRecord,
  functions: readonly ResolverFunction[],
): string {
  const same = functions.find((fn) => fn.name === record.function);
  if (same) {
    return `function "${record.function}" now has its handler in "${same.handlerFile}"`;
  }
  return `function "${record.function}" (${record.field}) is no longer in graphcool.yml`;
}
