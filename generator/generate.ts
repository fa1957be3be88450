import { readFileSync } from 'node:fs';
import path from 'node:path';

import { readConfig } from './config/readConfig.js';
import { emitProject, renderedFrom } from './emit/emitProject.js';
import type { Codegen } from './emit/startCodegen.js';
import { functionView } from './emit/templateData.js';
import { loadSources, projectRelative } from './load/loadSources.js';
import { buildProject } from './model/buildProject.js';
import type { ResolverFunction } from './model/project.js';
import { checkHandlerFiles } from './repair/checkHandlerFiles.js';
import { handlerTarget, repairHandlers } from './repair/repairHandlers.js';
import type { Diagnostic, Diagnostics } from './report/diagnostic.js';
import { failedRun, type RunOptions, type RunResult } from './run.js';
import { validateProject } from './validate/validateProject.js';
import {
  findOrphans,
  handlerRecords,
  knownHandlerFiles,
  renamedFields,
  type Orphan,
} from './write/handlerRecords.js';
import type { InputFiles } from './write/inputFiles.js';
import { layOutFile } from './write/layOutFile.js';
import { hashText, MANIFEST_PATH, serializeManifest, type Manifest } from './write/manifest.js';
import { unifiedDiff } from './write/unifiedDiff.js';
import {
  applyWrites,
  planOutcome,
  planWrites,
  type FileToWrite,
  type WritePlan,
} from './write/writeFiles.js';

/** What `run` hands over to the full pipeline. */
export interface GenerateContext {
  manifest: Manifest | undefined;
  fingerprint: string;
  diagnostics: Diagnostics;
  inputs: InputFiles;
  /** GraphQL Code Generator, started by `run` (see `startCodegen`); closed when the run ends. */
  codegen: Codegen;
}

/**
 * The whole pipeline: config, load, validate, model, emit, repair, then write. Every step runs
 * and every file is formatted before the first write, so an error anywhere leaves the disk as
 * it was. Each file read is hashed into the manifest the run writes last.
 */
export async function generate(
  projectDir: string,
  options: RunOptions,
  context: GenerateContext,
): Promise<RunResult> {
  try {
    return await generateWith(projectDir, options, context, context.codegen);
  } finally {
    await context.codegen.close();
  }
}

async function generateWith(
  projectDir: string,
  options: RunOptions,
  context: GenerateContext,
  codegen: Codegen,
): Promise<RunResult> {
  const { manifest: previous, diagnostics, inputs } = context;
  const failed = () => failedRun(projectDir, diagnostics, inputs.files());
  const sameGenerator = previous?.generator === context.fingerprint;

  inputs.track(['graphcool.yml']);
  const variables = new Set<string>();
  const config = await readConfig(
    projectDir,
    {
      env: tracked(options.env ?? process.env, 'env', variables),
      options: tracked(options.variables ?? {}, 'opt', variables),
    },
    diagnostics,
  );
  if (!config || diagnostics.hasErrors) return failed();

  inputs.track(
    [...config.types, ...config.functions.flatMap((fn) => (fn.schema ? [fn.schema] : []))].map(
      (reference) => projectRelative(projectDir, reference.value),
    ),
  );
  const sources = await loadSources(projectDir, config, diagnostics);
  const checked = validateProject(sources, diagnostics);
  if (!checked || diagnostics.hasErrors) return failed();
  const project = buildProject(projectDir, config, checked);
  checkHandlerFiles(project.functions, config, diagnostics);
  if (diagnostics.hasErrors) return failed();

  const handlerTexts = new Map<string, string | undefined>();
  for (const fn of project.functions) {
    handlerTexts.set(fn.handlerFile, inputs.read(fn.handlerFile));
  }
  const rendered = renderedFrom(project);
  const emitted = await emitProject(project, (file) => inputs.read(file), {
    allowDataLoss: options.allowDataLoss ?? false,
    codegen: (servedSchema) => codegen.types(servedSchema),
    unchanged: sameGenerator ? keptOutputs(projectDir, previous, rendered) : undefined,
  });
  diagnostics.items.push(...emitted.diagnostics);
  if (diagnostics.hasErrors) return failed();

  const alreadyVerified = new Set(
    project.functions
      .filter((fn) => isVerified(previous, fn, handlerTexts.get(fn.handlerFile)))
      .map((fn) => fn.handlerFile),
  );
  const repair = await repairHandlers(
    project.functions.flatMap((fn) => {
      const text = handlerTexts.get(fn.handlerFile);
      return text === undefined || alreadyVerified.has(fn.handlerFile)
        ? []
        : [handlerTarget(fn, text)];
    }),
  );
  diagnostics.items.push(...repair.diagnostics);
  if (diagnostics.hasErrors) return failed();

  const orphanTexts = new Map<string, string | undefined>();
  for (const file of knownHandlerFiles(previous)) {
    if (!handlerTexts.has(file)) orphanTexts.set(file, inputs.read(file));
  }
  const orphans = findOrphans(previous, project.functions, orphanTexts);
  const pruned = options.prune ? orphans.filter((o) => o.prunable).map((o) => o.file) : [];

  const repaired = new Map(repair.repaired.map((item) => [item.file, item]));
  const files: FileToWrite[] = emitted.files.map((file) => {
    const fix = repaired.get(file.path);
    return fix
      ? {
          path: file.path,
          content: fix.content,
          mode: 'verbatim',
          basedOn: handlerTexts.get(file.path),
        }
      : file;
  });
  const produced = new Set(files.map((file) => file.path));
  const obsolete = Object.keys(previous?.outputs ?? {}).filter(
    (file) => file.startsWith('generated/') && file !== MANIFEST_PATH && !produced.has(file),
  );
  const plan = await planWrites(projectDir, files, [...pruned, ...obsolete], (file, raw, disk) =>
    sameGenerator
      ? previous?.unformatted?.[file] === hashText(raw) && previous.outputs[file] === hashText(disk)
      : false,
  );
  const outcome = planOutcome(plan);

  if (!options.check && !options.dryRun) {
    const manifest = nextManifest(plan, {
      previous,
      fingerprint: context.fingerprint,
      variables,
      inputs,
      functions: project.functions,
      formatted: files.filter((file) => file.mode === 'generated'),
      handlerTexts,
      verified: new Set([...alreadyVerified, ...repair.clean]),
      repaired: new Set(repaired.keys()),
      orphans,
      pruned,
      rendered,
      warnings: diagnostics.sorted().filter((item) => item.code !== 'MANIFEST_UNREADABLE'),
    });
    await applyWrites(projectDir, plan, {
      path: MANIFEST_PATH,
      // Printed as prettier prints JSON (see printJson); prettier itself only for characters
      // whose width it measures its own way, as for the other generated files.
      content: await layOutFile(MANIFEST_PATH, manifest, 'preformatted'),
    });
  }
  return {
    ok: true,
    projectDir,
    diagnostics: diagnostics.sorted(),
    ...outcome,
    repairs: repair.repaired.map(({ file, changes }) => ({ file, changes })),
    orphans: orphans.filter((orphan) => !pruned.includes(orphan.file)),
    notes: [...emitted.notes, ...renamedFields(previous, project.functions)],
    ...(options.dryRun && { diff: await unifiedDiff(plan) }),
    inputs: inputs.files(),
    skipped: false,
  };
}

/** What the manifest is built from, besides the plan. */
interface ManifestSources {
  previous: Manifest | undefined;
  fingerprint: string;
  variables: ReadonlySet<string>;
  inputs: InputFiles;
  functions: readonly ResolverFunction[];
  /** The generated files, formatted by the run or taken from the disk as already formatted. */
  formatted: readonly FileToWrite[];
  handlerTexts: ReadonlyMap<string, string | undefined>;
  /** Handler files found right as they are (repaired and new ones are right by construction). */
  verified: ReadonlySet<string>;
  repaired: ReadonlySet<string>;
  orphans: readonly Orphan[];
  pruned: readonly string[];
  /** What each output rendered from one part of the project was rendered from. */
  rendered: Record<string, string>;
  warnings: Diagnostic[];
}

/**
 * The manifest of the disk as the plan leaves it: every input with the hash it will have (a
 * file the run writes is recorded as written), every output, the handler records and orphans.
 */
function nextManifest(plan: WritePlan, sources: ManifestSources): string {
  const after = new Map(plan.files.map((file) => [file.path, file.after]));
  const verified = new Set([
    ...sources.verified,
    ...sources.repaired,
    ...sources.functions
      .filter((fn) => sources.handlerTexts.get(fn.handlerFile) === undefined)
      .map((fn) => fn.handlerFile),
  ]);
  const records = handlerRecords(
    sources.previous,
    sources.functions,
    sources.orphans,
    new Set(sources.pruned),
    {
      before: sources.handlerTexts,
      after,
      repaired: sources.repaired,
      verified,
      handlerTypes: new Map(
        sources.functions.map((fn) => [fn.handlerFile, functionView(fn).handlerType]),
      ),
    },
  );
  const inputs = Object.fromEntries(sources.inputs.hashes);
  for (const [file, content] of after) {
    if (file in inputs) inputs[file] = hashText(content);
  }
  for (const file of sources.pruned) inputs[file] = null;
  return serializeManifest({
    generator: sources.fingerprint,
    variables: [...sources.variables],
    inputs,
    outputs: Object.fromEntries(plan.files.map((file) => [file.path, hashText(file.after)])),
    unformatted: Object.fromEntries(
      sources.formatted.map((file) => [file.path, hashText(file.content)]),
    ),
    renderedFrom: sources.rendered,
    ...records,
    warnings: sources.warnings,
  });
}

/**
 * The outputs the last run rendered from the very sources they would be rendered from now, and
 * that are on disk as it wrote them, with their content.
 */
function keptOutputs(
  projectDir: string,
  previous: Manifest | undefined,
  rendered: Record<string, string>,
): Map<string, string> {
  const kept = new Map<string, string>();
  for (const [file, source] of Object.entries(rendered)) {
    const written = previous?.outputs[file];
    if (written === undefined || previous?.renderedFrom?.[file] !== source) continue;
    const text = readIfPresent(path.join(projectDir, file));
    if (text !== undefined && hashText(text) === written) kept.set(file, text);
  }
  return kept;
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Missing or unreadable: rendered again, and the write reports any real problem.
    return undefined;
  }
}

/** Whether the last run found this very handler file right for this very handler type. */
function isVerified(
  previous: Manifest | undefined,
  fn: ResolverFunction,
  text: string | undefined,
): boolean {
  const record = previous?.handlers[fn.handlerFile]?.verified;
  return (
    text !== undefined &&
    record !== undefined &&
    record.type === functionView(fn).handlerType &&
    record.hash === hashText(text)
  );
}

/** Records which `${env:}` or `${opt:}` names graphcool.yml looks up. */
function tracked<T extends object>(values: T, prefix: string, used: Set<string>): T {
  return new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string') used.add(`${prefix}:${key}`);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
