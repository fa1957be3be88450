import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { listFiles, removeTempDir } from '../support/tempProject.js';
import { writeProject } from '../support/writeProject.js';

const bin = path.join(repoRoot, 'bin', 'generator.js');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeTempDir(dir)));
});

/** Runs the installed bin (compiled by `npm run build`, which `npm test` runs first). */
async function cli(
  args: string[],
  cwd = repoRoot,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the generator command', () => {
  it('lists its commands, options and exit codes in --help', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('run [options] [projectDir]');
    const runHelp = await cli(['run', '--help']);
    expect(runHelp.code).toBe(0);
    for (const option of [
      '--check',
      '--dry-run',
      '--prune',
      '--watch',
      '--opt <name=value>',
      '--verbose',
      '--silent',
      'Exit codes:',
      '2  the command line is wrong',
    ]) {
      expect(runHelp.stdout).toContain(option);
    }
  });

  it('exits 2 on an unknown option', async () => {
    const result = await cli(['run', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--frobnicate'");
  });

  it('exits 2 on options that cannot go together', async () => {
    const watchCheck = await cli(['run', '--watch', '--check']);
    expect(watchCheck.code).toBe(2);
    expect(watchCheck.stderr).toContain("option '--watch' cannot be used with option '--check'");
    expect((await cli(['run', '--silent', '--verbose'])).code).toBe(2);
  });

  it('prints located errors, exits 1 and writes nothing for a broken project', async () => {
    const dir = await writeProject('cli', {
      'types.graphql': 'type User {\n  id: ID! @isUnique\n}\n',
    });
    dirs.push(dir);
    const before = await listFiles(dir);
    const result = await cli(['run', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('types.graphql:1:6 error MISSING_MODEL_DIRECTIVE Type "User"');
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).not.toMatch(/\bat .+\.js:\d+/);
    expect(await listFiles(dir)).toEqual(before);
  });

  it('generates from inside the project folder, then reports it up to date with --check', async () => {
    const dir = await writeProject('cli', {});
    dirs.push(dir);
    const first = await cli(['run'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\d+ files created, 0 updated, 0 unchanged, 0 warnings\./);
    expect(await listFiles(dir)).toContain('generated/server.ts');

    const check = await cli(['run', '--check'], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Up to date');
  });

  it('exits 1 with --check and names each stale file, writing nothing', async () => {
    const dir = await writeProject('cli', {});
    dirs.push(dir);
    const result = await cli(['run', dir, '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('would create generated/server.ts');
    expect(result.stderr).toContain('would create src/signup.ts');
    expect(await listFiles(dir)).not.toContain('generated/server.ts');
  });
});
