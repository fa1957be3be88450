import type { Comparison } from './generation.js';
import type { Measurement } from './measure.js';
import type { Throughput } from './serving.js';
import type { TokenThroughput } from './tokens.js';

/** Everything one benchmark run measured. */
export interface BenchResults {
  quick: boolean;
  machine: string;
  generation: Measurement[];
  comparison: Comparison;
  noopSample: Measurement | undefined;
  editedLarge: Measurement | undefined;
  serving: Throughput[];
  tokens: TokenThroughput;
}

/** The results as Markdown: tables of figures, then each target with whether it was met. */
export function formatReport(results: BenchResults): string {
  const { tokens } = results;
  const tokenBase = tokens.joseAlonePerSecond;
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench${results.quick ? ' -- --quick' : ''}\` on ${results.machine}.`,
    'Generation figures are the median wall time of several runs after a warm-up, timed as',
    '`node bin/generator.js run <project>`, with the largest peak RSS seen. Every ratio is taken',
    'within the same run.',
    '',
    '## Generation',
    '',
    '| scenario | median | peak RSS |',
    '| --- | ---: | ---: |',
    ...results.generation.map(
      (item) => `| ${item.label} | ${ms(item.medianMs)} | ${item.peakRssMb.toFixed(0)} MB |`,
    ),
    '',
    `Ours / GraphQL Code Generator CLI, ${results.comparison.label}: ` +
      `**${ratio(results.comparison.ours.medianMs, results.comparison.theirs.medianMs)}**. ` +
      `The GraphQL Code Generator call a full run makes, alone in a process, takes ` +
      `${ratio(results.comparison.codegenCall.medianMs, results.comparison.theirs.medianMs)} the ` +
      "CLI's time: a full run does that and everything else besides (reading and checking the " +
      'project, the data layer, the migration, the handlers, writing the files). The large ' +
      'project has no handler files before its full run, which writes their skeletons; the run ' +
      'after a handler was edited reads and checks one with ts-morph.',
    '',
    '## Serving (generated sample project, loopback)',
    '',
    '| load | requests/s | p99 latency | errors |',
    '| --- | ---: | ---: | ---: |',
    ...results.serving.map((item) =>
      row(item.label, item.requestsPerSecond.toFixed(0), `${item.p99Ms} ms`, String(item.errors)),
    ),
    '',
    'Each figure is the median of several rounds in which the loads take turns, after a warm-up',
    'of every load. Without a token the auth middleware returns at once, so the drop from that',
    "load to the one with a node token is the middleware's cost. With the default settings a",
    "node token's signature is checked once and what the database says about its node is",
    'trusted for `AUTH_NODE_CACHE_SECONDS` (5 s); the load with it set to 0 reads the database',
    'on every request.',
    '',
    '## Token verification',
    '',
    '| verifier | verifications/s |',
    '| --- | ---: |',
    row('our utilities, each token new (signature checked)', perSecond(tokens.oursPerSecond)),
    row('jose alone, key imported once, same checks', perSecond(tokens.joseAlonePerSecond)),
    row(
      'our utilities, one token again and again (cached)',
      perSecond(tokens.oursRepeatedPerSecond),
    ),
    '',
    `Ours / jose alone, each token new: **${ratio(tokens.oursPerSecond, tokenBase)}**.`,
    'Tokens of one node, 16 verifications in flight; the database checks are answered in memory',
    'here, the serving figures include them. The verified-token cache keeps up to 10 000 tokens:',
    'when every token is new, keeping them costs the garbage collector a few percent.',
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...targets(results).map(
      ([name, measured, met]) => `| ${name} | ${measured} | ${met ? 'yes' : 'no'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function targets(results: BenchResults): [string, string, boolean][] {
  const rows: [string, string, boolean][] = [];
  const { comparison, noopSample, editedLarge, serving, tokens } = results;
  if (noopSample) {
    rows.push([
      'no-op run on the sample project under 0.3 s',
      ms(noopSample.medianMs),
      noopSample.medianMs < 300,
    ]);
  }
  const share = comparison.ours.medianMs / comparison.theirs.medianMs;
  rows.push([
    'large full run at most 0.5 × the codegen CLI',
    share.toFixed(2) + ' ×',
    share <= 0.5,
  ]);
  if (editedLarge) {
    rows.push([
      'handler edited + argument added, under 2.5 s',
      ms(editedLarge.medianMs),
      editedLarge.medianMs < 2500,
    ]);
  }
  const peak = Math.max(...results.generation.slice(0, -2).map((item) => item.peakRssMb));
  rows.push(['peak RSS of our runs under 200 MB', `${peak.toFixed(0)} MB`, peak < 200]);
  const withToken = serving[0]?.requestsPerSecond ?? 0;
  const withoutToken = serving[1]?.requestsPerSecond ?? 1;
  const cost = 1 - withToken / withoutToken;
  rows.push([
    'middleware costs under 10 % of requests/s',
    `${(cost * 100).toFixed(1)} %`,
    cost < 0.1,
  ]);
  const tokenRatio = tokens.oursPerSecond / tokens.joseAlonePerSecond;
  rows.push([
    'token verification within 5 % of jose alone (at least 0.95 ×)',
    `${tokenRatio.toFixed(2)} ×`,
    tokenRatio >= 0.95,
  ]);
  return rows;
}

/** A Markdown table row. */
function row(...cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function perSecond(value: number): string {
  return value.toFixed(0);
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

function ratio(ours: number, theirs: number): string {
  return `${(ours / theirs).toFixed(2)} ×`;
}
