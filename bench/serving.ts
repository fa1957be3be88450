import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { copyProject } from './copyProject.js';
import { median } from './measure.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sampleDir = path.join(repoRoot, 'sample-project');

/** Requests per second of one load. */
export interface Throughput {
  label: string;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

/** Load settings: connections, seconds per load, rounds measured after one warm-up round. */
export interface ServingOptions {
  connections: number;
  seconds: number;
  rounds: number;
  warmupSeconds: number;
}

/** One kind of request sent over and over. */
interface Load {
  label: string;
  query: string;
  headers: Record<string, string>;
  /** Fewer connections for loads bound by password hashing. */
  connections?: number;
}

/**
 * Starts the generated sample project's server on a free loopback port and measures requests
 * per second with autocannon: `{ __typename }` with a valid node token, the same query without
 * one (the middleware returns at once), `loggedInUser` with a token, and `authenticateUser`;
 * then `{ __typename }` with the token again on a server whose node cache is off. Each server
 * first gets every one of its loads for `warmupSeconds`, unmeasured; then the loads take turns
 * for `rounds` rounds, and each load's median round is reported.
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

  const email = 'bench@example.com';
  const password = 'correct horse battery staple';
  try {
    let withToken: Record<string, string> = {};
    const cached = await measureServer(project, {}, options, async (url) => {
      const signup = await graphql(
        url,
        `mutation { signupUser(email: "${email}", password: "${password}") { token } }`,
      );
      const token = (signup as { data: { signupUser: { token: string } } }).data.signupUser.token;
      withToken = { authorization: `Bearer ${token}` };
      return [
        { label: '{ __typename } with a node token', query: '{ __typename }', headers: withToken },
        { label: '{ __typename } without a token', query: '{ __typename }', headers: {} },
        {
          label: 'loggedInUser with a node token',
          query: '{ loggedInUser { id } }',
          headers: withToken,
        },
        {
          label: 'authenticateUser (argon2id hashing)',
          query: `mutation { authenticateUser(email: "${email}", password: "${password}") { id } }`,
          headers: {},
          connections: Math.min(options.connections, 8),
        },
      ];
    });
    const uncached = await measureServer(
      project,
      { AUTH_NODE_CACHE_SECONDS: '0' },
      options,
      async () => [
        {
          label: '{ __typename } with a node token, AUTH_NODE_CACHE_SECONDS=0',
          query: '{ __typename }',
          headers: withToken,
        },
      ],
    );
    return [...cached, ...uncached];
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** Starts a server, asks `prepare` for its loads, warms it up, measures them and stops it. */
async function measureServer(
  project: string,
  env: Record<string, string>,
  options: ServingOptions,
  prepare: (url: string) => Promise<Load[]>,
): Promise<Throughput[]> {
  const { child, url } = await startServer(project, env);
  try {
    const loads = await prepare(url);
    for (const item of loads) await load(url, item, options.warmupSeconds, options.connections);
    const rounds = loads.map(() => [] as Throughput[]);
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, item] of loads.entries()) {
        rounds[index]?.push(await load(url, item, options.seconds, options.connections));
      }
    }
    return loads.map((item, index) => {
      const measured = rounds[index] ?? [];
      return {
        label: item.label,
        requestsPerSecond: median(measured.map((result) => result.requestsPerSecond)),
        p99Ms: median(measured.map((result) => result.p99Ms)),
        errors: measured.reduce((sum, result) => sum + result.errors, 0),
      };
    });
  } finally {
    await stopServer(child);
  }
}

async function load(
  url: string,
  item: Load,
  seconds: number,
  connections: number,
): Promise<Throughput> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...item.headers },
    body: JSON.stringify({ query: item.query }),
    connections: item.connections ?? connections,
    duration: seconds,
  });
  return {
    label: item.label,
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

function startServer(
  project: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['generated/server.ts'], {
    cwd: project,
    env: {
      ...process.env,
      PORT: '0',
      NODE_ENV: 'production',
      AUTH_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
      DATABASE_URL: 'file:./data/bench.db',
      ...env,
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
