import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { copyProject } from './copyProject.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sampleDir = path.join(repoRoot, 'sample-project');

/** Requests per second of one load. */
export interface Throughput {
  label: string;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

/** Load settings: how many connections, for how many seconds each load runs. */
export interface ServingOptions {
  connections: number;
  seconds: number;
}

/**
 * Starts the generated sample project's server on a free loopback port and measures requests
 * per second with autocannon: `{ __typename }` with a valid node token, the same query without
 * one (the middleware returns at once), `loggedInUser` with a token, and `authenticateUser`.
 */
export async function benchServing(options: ServingOptions): Promise<Throughput[]> {
  mkdirSync(path.join(sampleDir, '.tmp'), { recursive: true });
  const project = mkdtempSync(path.join(sampleDir, '.tmp', 'bench-serve-'));
  const skipped = new Set(['node_modules', 'data', '.tmp', '.auth-secret', '.env']);
  copyProject(sampleDir, project, skipped);
  const generated = spawnSync(process.execPath, [
    path.join(repoRoot, 'bin', 'generator.js'),
    'run',
    project,
    '--silent',
  ]);
  if (generated.status !== 0) throw new Error(`generator failed: ${generated.stderr}`);

  const { child, url } = await startServer(project);
  try {
    const email = 'bench@example.com';
    const password = 'correct horse battery staple';
    const signup = await graphql(
      url,
      `mutation { signupUser(email: "${email}", password: "${password}") { token } }`,
    );
    const token = (signup as { data: { signupUser: { token: string } } }).data.signupUser.token;
    const withToken = { authorization: `Bearer ${token}` };

    return [
      await load('{ __typename } with a node token', url, '{ __typename }', withToken, options),
      await load('{ __typename } without a token', url, '{ __typename }', {}, options),
      await load(
        'loggedInUser with a node token',
        url,
        '{ loggedInUser { id } }',
        withToken,
        options,
      ),
      await load(
        'authenticateUser (argon2id hashing)',
        url,
        `mutation { authenticateUser(email: "${email}", password: "${password}") { id } }`,
        {},
        { ...options, connections: Math.min(options.connections, 8) },
      ),
    ];
  } finally {
    await stopServer(child);
    rmSync(project, { recursive: true, force: true });
  }
}

async function load(
  label: string,
  url: string,
  query: string,
  headers: Record<string, string>,
  options: ServingOptions,
): Promise<Throughput> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    label,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function graphql(url: string, query: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

function startServer(project: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['generated/server.ts'], {
    cwd: project,
    env: {
      ...process.env,
      PORT: '0',
      NODE_ENV: 'production',
      AUTH_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
      DATABASE_URL: 'file:./data/bench.db',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server ready at (\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1].replace('localhost', '127.0.0.1') });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
