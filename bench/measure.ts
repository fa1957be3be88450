import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The median wall time and peak memory of several runs of one command. */
export interface Measurement {
  label: string;
  runs: number;
  medianMs: number;
  peakRssMb: number;
}

/** A node script to time: the script and its arguments, run as `node <probe> script ...args`. */
export interface NodeCommand {
  script: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

const probe = new URL('./rssProbe.mjs', import.meta.url);

/**
 * Runs `prepare` then the command, `warmup` times unmeasured and `runs` times measured, and
 * reports the median wall time and the largest peak RSS seen. `prepare` runs before every
 * iteration and is not timed (it resets the project for cold runs, or makes the next change).
 */
export function measureNode(
  label: string,
  command: NodeCommand | (() => NodeCommand),
  options: { runs: number; warmup: number; prepare?: (iteration: number) => void },
): Measurement {
  const rssDir = mkdtempSync(path.join(os.tmpdir(), 'bench-rss-'));
  const times: number[] = [];
  let peakKb = 0;
  try {
    for (let iteration = 0; iteration < options.warmup + options.runs; iteration++) {
      options.prepare?.(iteration);
      const { script, args, cwd, env } = typeof command === 'function' ? command() : command;
      const rssFile = path.join(rssDir, `${iteration}.txt`);
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, ['--import', probe.href, script, ...args], {
        cwd,
        env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
        encoding: 'utf8',
      });
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.status !== 0) {
        throw new Error(`${label}: exit ${result.status}\n${result.stdout}\n${result.stderr}`);
      }
      if (iteration < options.warmup) continue;
      times.push(elapsedMs);
      peakKb = Math.max(peakKb, Number(readFileSync(rssFile, 'utf8')));
    }
  } finally {
    rmSync(rssDir, { recursive: true, force: true });
  }
  return { label, runs: options.runs, medianMs: median(times), peakRssMb: peakKb / 1024 };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
