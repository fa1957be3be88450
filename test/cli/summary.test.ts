import { describe, expect, test } from 'vitest';
import { colourEnabled, palette } from '../../generator/report/colour.js';
import { printSummary, type SummaryInput } from '../../generator/report/printSummary.js';

const result: SummaryInput = {
  ok: true,
  diagnostics: [
    {
      severity: 'warning',
      code: 'HANDLER_TYPE_CUSTOM',
      file: 'src/a.ts',
      line: 2,
      column: 21,
      message: 'The handler "a" is typed "Mine".',
    },
  ],
  created: ['src/new.ts'],
  updated: ['generated/types.ts', 'src/signup.ts'],
  unchanged: ['generated/server.ts'],
  deleted: ['src/gone.ts'],
  repairs: [{ file: 'src/signup.ts', changes: ['type A → B', 'imported B'] }],
  orphans: [{ file: 'src/old.ts', reason: 'function "old" (Query.old) is gone', prunable: true }],
  notes: ['a note'],
  diff: '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n',
  skipped: false,
};

function print(options: { check?: boolean; dryRun?: boolean; colour?: boolean }) {
  const out: string[] = [];
  const err: string[] = [];
  const colours = palette(options.colour ?? false);
  printSummary(result, {
    verbosity: 'normal',
    check: options.check ?? false,
    dryRun: options.dryRun ?? false,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    colours: { out: colours, err: colours },
  });
  return { out, err };
}

describe('the summary of a run', () => {
  test('says what was created, repaired and how, deleted and orphaned, with totals', () => {
    const { out, err } = print({});
    expect(err).toEqual([
      'src/a.ts:2:21 warning HANDLER_TYPE_CUSTOM The handler "a" is typed "Mine".',
    ]);
    expect(out).toEqual([
      '  created  src/new.ts',
      '  updated  generated/types.ts',
      '  repaired src/signup.ts (type A → B; imported B)',
      '  deleted  src/gone.ts',
      '  orphaned src/old.ts: function "old" (Query.old) is gone. It is still the skeleton the generator wrote: delete it, or run with --prune.',
      '1 file created, 2 updated, 1 unchanged, 1 deleted, 1 orphaned, 1 warning.',
      'a note',
    ]);
  });

  test('with --check, lists what a run would do as out of date', () => {
    const { err } = print({ check: true });
    expect(err.slice(1)).toEqual([
      '4 files out of date:',
      '  would create src/new.ts',
      '  would update generated/types.ts',
      '  would repair src/signup.ts (type A → B; imported B)',
      '  would delete src/gone.ts',
      'Run "npx generator run" and commit the result.',
    ]);
  });

  test('with --dry-run, prints the diff first and says nothing was written', () => {
    const { out } = print({ dryRun: true });
    expect(out.slice(0, 5)).toEqual(['--- a/x', '+++ b/x', '@@ -1 +1 @@', '-old', '+new']);
    expect(out).toContain(
      'Dry run, nothing was written: 1 file created, 2 updated, 1 unchanged, 1 deleted, 1 orphaned, 1 warning.',
    );
  });

  test('colours only a terminal, and never with NO_COLOR', () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colourEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);

    const coloured = print({ dryRun: true, colour: true });
    expect(coloured.out[3]).toBe('\u001b[31m-old\u001b[39m');
    expect(coloured.err[0]).toContain('\u001b[33mwarning\u001b[39m');
    expect(print({ dryRun: true }).out[3]).toBe('-old');
  });
});
