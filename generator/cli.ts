import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { registerRootTokenCommand } from './commands/rootToken.js';
import { colourEnabled, palette } from './report/colour.js';
import { printSummary, type Verbosity } from './report/printSummary.js';
import { run, type RunResult } from './run.js';

const exitCodes = `
Exit codes:
  0  the run succeeded (with --check: everything is up to date; with --watch: stopped by Ctrl+C)
  1  the project has errors, or --check found files out of date; nothing was written
  2  the command line is wrong`;

/** Parses the command line and runs the command; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('generator')
    .description('Turns a Graphcool Framework project into a standalone, typed GraphQL server.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run "npx generator --help" for usage)')
    .addHelpText('after', exitCodes);

  let exitCode = 0;
  program
    .command('run')
    .description('generate the server code of a project (graphcool.yml, types, extension files)')
    .argument('[projectDir]', 'the project folder, holding graphcool.yml', '.')
    .option('--check', 'write nothing; exit 1 and list each file a run would create or change')
    .option('--dry-run', 'write nothing; print the unified diff of what a run would change')
    .option('--prune', 'delete orphaned handler files that are still the untouched skeleton')
    .addOption(
      new Option('--watch', 'run again whenever a project file changes, until Ctrl+C').conflicts([
        'check',
        'dryRun',
        'prune',
      ]),
    )
    .option(
      '--opt <name=value>',
      'a value for ${opt:name} in graphcool.yml (repeatable)',
      collectOption,
      {},
    )
    .option('--allow-data-loss', 'let the new migration drop tables and columns holding data')
    .option('--verbose', 'list every file, unchanged ones included')
    .addOption(new Option('--silent', 'print errors only').conflicts('verbose'))
    .addHelpText('after', exitCodes)
    .action(async (projectDir: string, options: CommandOptions) => {
      const verbosity: Verbosity = options.silent
        ? 'silent'
        : options.verbose
          ? 'verbose'
          : 'normal';
      const check = options.check ?? false;
      const dryRun = options.dryRun ?? false;
      const colours = {
        out: palette(colourEnabled(process.stdout, process.env)),
        err: palette(colourEnabled(process.stderr, process.env)),
      };
      const report = (result: RunResult) =>
        printSummary(result, {
          verbosity,
          check,
          dryRun,
          out: (line) => console.log(line),
          err: (line) => console.error(line),
          colours,
        });
      const runOptions = {
        projectDir,
        check,
        dryRun,
        prune: options.prune ?? false,
        allowDataLoss: options.allowDataLoss ?? false,
        variables: options.opt,
      };

      if (options.watch) {
        const { watchProject } = await import('./watch/watchProject.js');
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        await watchProject({
          run: runOptions,
          report,
          log: (line) => {
            if (verbosity !== 'silent') console.error(line);
          },
          signal: stop.signal,
          verbose: verbosity === 'verbose',
        });
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        exitCode = 0;
        return;
      }

      const result = await run(runOptions);
      report(result);
      const stale =
        check && result.created.length + result.updated.length + result.deleted.length > 0;
      exitCode = !result.ok || stale ? 1 : 0;
    });

  registerRootTokenCommand(program, (code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  return exitCode;
}

interface CommandOptions {
  check?: boolean;
  dryRun?: boolean;
  prune?: boolean;
  watch?: boolean;
  allowDataLoss?: boolean;
  opt: Record<string, string>;
  verbose?: boolean;
  silent?: boolean;
}

function collectOption(value: string, previous: Record<string, string>): Record<string, string> {
  const separator = value.indexOf('=');
  if (separator <= 0) throw new InvalidArgumentError('expected name=value');
  return { ...previous, [value.slice(0, separator)]: value.slice(separator + 1) };
}

function packageVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('graphcool-generator failed unexpectedly. This is a bug; please report it with');
    console.error('the output below and the project files that cause it.');
    console.error(error);
    process.exitCode = 1;
  },
);
