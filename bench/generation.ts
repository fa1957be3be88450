import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyProject } from './copyProject.js';
import { measureNode, type Measurement } from './measure.js';
import { extensionFile, writeSyntheticProject, type SyntheticSize } from './syntheticProject.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const generatorBin = path.join(repoRoot, 'bin', 'generator.js');
/** What a fresh project has: the user's own files, none of what a run writes or leaves. */
/** Inside the repository, so that tools started there resolve its node_modules. */
const scratch = path.join(repoRoot, '.tmp');
const notUserOwned = new Set([
  'node_modules',
  'generated',
  'migrations',
  'data',
  '.tmp',
  '.auth-secret',
  '.env',
]);

/** Settings shared by every generation scenario. */
export interface GenerationOptions {
  runs: number;
  warmup: number;
  large: SyntheticSize;
}

/** One comparison: our run beside the GraphQL Code Generator CLI on the same schema. */
export interface Comparison {
  label: string;
  ours: Measurement;
  theirs: Measurement;
  /** The generator's own in-process GraphQL Code Generator call alone, on the same schema. */
  codegenCall: Measurement;
}

/** Times the generator on the sample project: cold full run, no-op run, one field changed. */
export function benchSampleProject(options: GenerationOptions): Measurement[] {
  const source = path.join(repoRoot, 'sample-project');
  const work = scratchDir('bench-sample-');
  const project = path.join(work, 'project');
  const fresh = () => {
    rmSync(project, { recursive: true, force: true });
    copyProject(source, project, notUserOwned);
  };
  const run = { script: generatorBin, args: ['run', project, '--silent'] };
  try {
    const cold = measureNode('sample project: cold full run', run, { ...options, prepare: fresh });
    const noop = measureNode('sample project: no-op run', run, options);
    const schemaFile = path.join(project, 'src', 'signup.graphql');
    const original = readFileSync(schemaFile, 'utf8');
    const changed = measureNode('sample project: one field changed', run, {
      ...options,
      prepare: (iteration) => {
        const extra =
          iteration % 2 === 0 ? 'password: String!, referrer: String' : 'password: String!';
        writeFileSync(schemaFile, original.replace('password: String!', extra));
      },
    });
    return [cold, noop, changed];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Times the generator on a synthetic large project (full, no-op, one handler edited by hand and
 * an argument added to its field), and the GraphQL Code Generator CLI on the same schema.
 */
export function benchLargeProject(options: GenerationOptions): {
  ours: Measurement[];
  comparison: Comparison;
} {
  const work = scratchDir('bench-large-');
  const pristine = path.join(work, 'pristine');
  const project = path.join(work, 'project');
  writeSyntheticProject(pristine, options.large);
  const fresh = () => {
    rmSync(project, { recursive: true, force: true });
    cpSync(pristine, project, { recursive: true });
  };
  const run = { script: generatorBin, args: ['run', project, '--silent'] };
  const size = `${options.large.models} models, ${options.large.functions} functions`;
  try {
    const full = measureNode(`large project (${size}): full run`, run, {
      ...options,
      prepare: fresh,
    });
    const noop = measureNode(`large project (${size}): no-op run`, run, options);
    const handlerFile = path.join(project, 'src', 'function1.ts');
    const schemaFile = path.join(project, 'src', 'function1.graphql');
    const handler = readFileSync(handlerFile, 'utf8');
    const edited = measureNode(`large project (${size}): handler edited, argument added`, run, {
      ...options,
      prepare: (iteration) => {
        writeFileSync(handlerFile, `${handler}\n// edited by hand, round ${iteration}\n`);
        writeFileSync(schemaFile, extensionFile(1, [`extra${iteration}`]));
      },
    });

    const servedSchema = path.join(project, 'generated', 'schema.graphql');
    const theirs = benchCodegenCli(servedSchema, work, options);
    const codegenCall = measureNode(
      'GraphQL Code Generator called in process as a full run calls it, same schema',
      {
        script: fileURLToPath(new URL('./codegenInProcess.mjs', import.meta.url)),
        args: [servedSchema],
      },
      options,
    );
    return {
      ours: [full, noop, edited],
      comparison: { label: `large project (${size}): full run`, ours: full, theirs, codegenCall },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The GraphQL Code Generator CLI with the typescript and typescript-resolvers plugins. */
function benchCodegenCli(
  schemaFile: string,
  work: string,
  options: GenerationOptions,
): Measurement {
  const dir = path.join(work, 'codegen');
  cpSync(schemaFile, path.join(dir, 'schema.graphql'));
  writeFileSync(
    path.join(dir, 'codegen.json'),
    JSON.stringify({
      schema: 'schema.graphql',
      generates: { 'types.ts': { plugins: ['typescript', 'typescript-resolvers'] } },
    }),
  );
  const require = createRequire(import.meta.url);
  const cliPackage = require.resolve('@graphql-codegen/cli/package.json');
  const { bin } = JSON.parse(readFileSync(cliPackage, 'utf8')) as { bin: Record<string, string> };
  const script = path.join(path.dirname(cliPackage), Object.values(bin)[0] ?? '');
  return measureNode(
    'GraphQL Code Generator CLI (typescript, typescript-resolvers), same schema',
    { script, args: ['--config', 'codegen.json', '--silent'], cwd: dir },
    options,
  );
}

function scratchDir(prefix: string): string {
  mkdirSync(scratch, { recursive: true });
  return mkdtempSync(path.join(scratch, prefix));
}
