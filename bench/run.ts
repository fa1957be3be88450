import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchLargeProject, benchSampleProject } from './generation.js';
import { formatReport, type BenchResults } from './report.js';
import { benchServing } from './serving.js';
import { benchTokens } from './tokens.js';

/**
 * `npm run bench`: measures generation, serving and token verification on this machine and
 * prints the figures; the full run also rewrites BENCHMARKS.md. `--quick` uses fewer runs and
 * small inputs, and only prints.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const quick = values.quick ?? false;
  const settings = quick
    ? {
        runs: 3,
        warmup: 1,
        large: { models: 50, functions: 50 },
        connections: 10,
        seconds: 2,
        rounds: 2,
        warmupSeconds: 1,
      }
    : {
        runs: 5,
        warmup: 1,
        large: { models: 500, functions: 500 },
        connections: 50,
        seconds: 10,
        rounds: 3,
        warmupSeconds: 3,
      };

  const step = (name: string) => console.error(`bench: ${name}...`);
  step('sample project generation');
  const sample = benchSampleProject(settings);
  step(`large project generation (${settings.large.models} models)`);
  const large = benchLargeProject(settings);
  step('serving');
  const serving = await benchServing(settings);
  step('token verification');
  const tokens = await benchTokens(
    quick ? { rounds: 3, milliseconds: 300 } : { rounds: 5, milliseconds: 1000 },
  );

  const results: BenchResults = {
    quick,
    machine: describeMachine(),
    generation: [...sample, ...large.ours, large.comparison.theirs, large.comparison.codegenCall],
    comparison: large.comparison,
    noopSample: sample[1],
    editedLarge: large.ours[2],
    serving,
    tokens,
  };
  const report = formatReport(results);
  console.log(report);
  if (!quick) {
    const prettier = await import('prettier');
    const formatted = await prettier.format(report, { parser: 'markdown', printWidth: 100 });
    writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), formatted);
    console.error('bench: wrote BENCHMARKS.md');
  }
}

function describeMachine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memory = Math.round(os.totalmem() / 1024 ** 3);
  const system = `${os.type()} ${os.release()}`;
  return `${os.cpus().length} × ${cpu}, ${memory} GiB, ${system}, Node.js ${process.version}`;
}

await main();
