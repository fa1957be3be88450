import { prettierOptions } from './prettierOptions.js';

/**
 * JSON as prettier prints a `.json` file written by `JSON.stringify(value, null, 2)`: every
 * non-empty object one key a line, an array of plain values on one line when it fits the print
 * width and one value a line otherwise, an array holding objects or arrays always broken.
 * Ends with a newline. Printed straight into a string: the snapshot of a large schema is
 * hundreds of kilobytes.
 */
export function printJson(value: unknown): string {
  const out: string[] = [];
  printValue(value, 0, 0, '', out);
  out.push('\n');
  return out.join('');
}

/**
 * Prints `value` at `column` (where its first character goes) inside a block indented by
 * `depth` spaces; `after` is what follows it on its last line (`,` or nothing), which counts
 * when deciding whether an array fits on one line.
 */
function printValue(value: unknown, depth: number, column: number, after: string, out: string[]) {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
    } else if (value.some((item) => typeof item === 'object' && item !== null)) {
      printBlock(
        '[',
        ']',
        value.map((item) => ['', item] as const),
        depth,
        out,
      );
    } else {
      const items = value.map((item) => JSON.stringify(item) ?? 'null');
      const flat = `[${items.join(', ')}]`;
      if (column + flat.length + after.length <= prettierOptions.printWidth) {
        out.push(flat);
      } else {
        const inner = ' '.repeat(depth + 2);
        out.push(`[\n${inner}${items.join(`,\n${inner}`)}\n${' '.repeat(depth)}]`);
      }
    }
  } else if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) out.push('{}');
    else
      printBlock(
        '{',
        '}',
        entries.map(([key, item]) => [`${JSON.stringify(key)}: `, item] as const),
        depth,
        out,
      );
  } else {
    out.push(JSON.stringify(value) ?? 'null');
  }
}

/** An object or array broken one member a line: each member is a prefix (`"key": `) and a value. */
function printBlock(
  open: string,
  close: string,
  members: readonly (readonly [string, unknown])[],
  depth: number,
  out: string[],
): void {
  const inner = depth + 2;
  const pad = ' '.repeat(inner);
  out.push(open);
  members.forEach(([prefix, item], index) => {
    const after = index < members.length - 1 ? ',' : '';
    out.push('\n', pad, prefix);
    printValue(item, inner, inner + prefix.length, after, out);
    out.push(after);
  });
  out.push('\n', ' '.repeat(depth), close);
}
