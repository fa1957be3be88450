import { spawn, type ChildProcess } from 'node:child_process';
import { binPath } from './paths.js';
import { defaultServerDatabaseUrl } from './testDatabases.js';

/** The AUTH_SECRET the tests give a server unless they say otherwise (48 characters). */
export const TEST_AUTH_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** How a server process ended. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A server process, ready or not. */
export interface ServerProcess {
  child: ChildProcess;
  /** Resolves with the URL of the `Server ready at <url>` line; rejects if the process ends first. */
  ready: Promise<string>;
  /** Resolves when the process has ended. */
  exited: Promise<ServerExit>;
  /** Everything the process has written to stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches `pattern` (at once if it already does). */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** Sends SIGTERM and waits for the process to end (SIGKILL to its group if it lingers). */
  stop(): Promise<ServerExit>;
}

/** A server that printed its ready line. */
export interface RunningServer extends ServerProcess {
  /** The GraphQL endpoint, e.g. `http://localhost:43121/graphql`. */
  url: string;
  /** The server's origin, e.g. `http://localhost:43121`. */
  origin: string;
}

/** Variables to set for the server; `undefined` removes one inherited from the test process. */
export type ServerEnv = Record<string, string | undefined>;

const live = new Set<ServerProcess>();

/**
 * Runs `tsx generated/server.ts` in `projectDir` with PORT=0, the test AUTH_SECRET and a SQLite
 * database in the project folder (in the PostgreSQL run of the end-to-end suites, the test
 * file's PostgreSQL schema); `env` overrides any of them.
 */
export function spawnServer(projectDir: string, env: ServerEnv = {}): ServerProcess {
  const child = spawn(binPath('tsx'), ['generated/server.ts'], {
    cwd: projectDir,
    env: serverEnv(projectDir, env),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a server which ignores SIGTERM can be killed with its
    // children (tsx runs the server in a child process).
    detached: true,
  });

  let output = '';
  const waiters = new Set<{ pattern: RegExp; resolve: () => void }>();
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const waiter of waiters) {
        if (waiter.pattern.test(output)) {
          waiters.delete(waiter);
          waiter.resolve();
        }
      }
      const match = /Server ready at (\S+)/.exec(output);
      if (match?.[1]) {
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    void exited.then((exit) =>
      reject(
        new Error(
          `The server ended before it was ready (code ${exit.code}, signal ${exit.signal}):\n${output}`,
        ),
      ),
    );
  });
  // A caller that only awaits `exited` must not see an unhandled rejection.
  ready.catch(() => undefined);

  const server: ServerProcess = {
    child,
    ready,
    exited,
    output: () => output,
    waitForOutput: (pattern) =>
      pattern.test(output)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.add({ pattern, resolve })),
    stop: () => stopProcess(server),
  };
  live.add(server);
  void exited.then(() => live.delete(server));
  return server;
}

/** Spawns a server and waits for its ready line; a failure to start stops it first. */
export async function startServer(projectDir: string, env: ServerEnv = {}): Promise<RunningServer> {
  const server = spawnServer(projectDir, env);
  let url: string;
  try {
    url = await server.ready;
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { ...server, url, origin: new URL(url).origin };
}

/** Stops every server this process started and has not seen end; for `afterAll`/`afterEach`. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((server) => server.stop()));
}

function serverEnv(projectDir: string, overrides: ServerEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // vitest sets NODE_ENV=test; a server under test runs in development unless a test says so.
  delete env.NODE_ENV;
  Object.assign(env, {
    PORT: '0',
    AUTH_SECRET: TEST_AUTH_SECRET,
    DATABASE_URL: defaultServerDatabaseUrl(projectDir),
  });
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete env[name];
    } else {
      env[name] = value;
    }
  }
  return env;
}

async function stopProcess(server: ServerProcess): Promise<ServerExit> {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    // Not a time limit on the test: a last resort so that a stuck server cannot outlive it.
    const killTimer = setTimeout(() => killGroup(child), 20_000);
    const exit = await server.exited;
    clearTimeout(killTimer);
    return exit;
  }
  return server.exited;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

// Whatever happens to the test process, leave no server behind.
process.once('exit', () => {
  for (const server of live) {
    killGroup(server.child);
  }
});
