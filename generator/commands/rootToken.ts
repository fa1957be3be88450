import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Command } from 'commander';

/** The generated script that does the work, relative to the project folder. */
export const ROOT_TOKEN_SCRIPT = 'generated/auth/rootTokenCommand.ts';

/** What `generator root-token` was asked to do. */
export interface RootTokenOptions {
  /** The project folder; the working directory when absent. */
  project?: string;
  revoke?: boolean;
  list?: boolean;
}

/**
 * Adds `root-token` to the CLI. `setExitCode` receives the command's exit code: the generated
 * script's, or 1 when the project cannot run it.
 */
export function registerRootTokenCommand(
  program: Command,
  setExitCode: (code: number) => void,
): void {
  program
    .command('root-token')
    .description(
      'issue, revoke or list the root tokens named under rootTokens: in graphcool.yml; a new ' +
        "token is the last line of the output and replaces the name's previous token",
    )
    .argument('[name]', 'a name listed under rootTokens:')
    .option('--revoke', 'revoke the token of <name>; requests with it get TOKEN_REVOKED')
    .option('--list', 'list the names and when their tokens were issued (never the tokens)')
    .option('--project <dir>', 'the project folder, holding graphcool.yml', '.')
    .addHelpText(
      'after',
      `
Run it in the project (or pass --project): it reads the project's .env and DATABASE_URL as the
server does, and updates the database tables first.

Exit codes:
  0  done
  1  the name is not under rootTokens:, or the project cannot run the command
  2  the command line is wrong`,
    )
    .action(async (name: string | undefined, options: RootTokenOptions) => {
      setExitCode(await rootToken(name, options));
    });
}

/**
 * Runs the project's generated root-token script with the project's own tsx, so that the
 * secret, database and root token names are exactly those the server uses. Resolves to the
 * exit code; the script writes to standard output and error directly.
 */
export async function rootToken(
  name: string | undefined,
  options: RootTokenOptions,
): Promise<number> {
  const projectDir = path.resolve(options.project ?? '.');
  if (!existsSync(path.join(projectDir, ROOT_TOKEN_SCRIPT))) {
    console.error(
      `${path.join(projectDir, ROOT_TOKEN_SCRIPT)} does not exist. Run "npx generator run" in ` +
        'the project first (or pass --project <dir> to name the project folder).',
    );
    return 1;
  }
  const tsx = resolveTsx(projectDir);
  if (tsx === undefined) {
    console.error(
      `The project in ${projectDir} cannot find tsx. Run "npm install" in the project first.`,
    );
    return 1;
  }

  const args = [
    ...(name === undefined ? [] : [name]),
    ...(options.revoke ? ['--revoke'] : []),
    ...(options.list ? ['--list'] : []),
  ];
  const child = spawn(process.execPath, [tsx, ROOT_TOKEN_SCRIPT, ...args], {
    cwd: projectDir,
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

/** tsx's command-line entry as the project resolves it, or `undefined` when it is missing. */
function resolveTsx(projectDir: string): string | undefined {
  try {
    return createRequire(path.join(projectDir, 'package.json')).resolve('tsx/cli');
  } catch {
    return undefined;
  }
}
