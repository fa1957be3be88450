import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { printSummary, type Verbosity } from './report/printSummary.js';
import { run } from './run.js';

const exitCodes = `
Exit codes:
  0  the run succeeded (with --check: everything is up to date)
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
    .option(
      '--opt <name=value>',
      'a value for ${opt:name} in graphcool.yml (repeatable)',
      collectOption,
      {},
    )
    .option('--verbose', 'list every file, unchanged ones included')
    .option('--silent', 'print errors only')
    .addHelpText('after', exitCodes)
    .action(async (projectDir: string, options: CommandOptions) => {
      const verbosity: Verbosity = options.silent
        ? 'silent'
        : options.verbose
          ? 'verbose'
          : 'normal';
      const check = options.check ?? false;
      const result = await run({ projectDir, check, variables: options.opt });
      printSummary(result, {
        verbosity,
        check,
        out: (line) => console.log(line),
        err: (line) => console.error(line),
      });
      const stale = check && result.created.length + result.updated.length > 0;
      exitCode = !result.ok || stale ? 1 : 0;
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
