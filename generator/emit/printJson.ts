import { prettierOptions } from './prettierOptions.js';

/**
 * JSON as prettier prints a `.json` file written by `JSON.stringify(value, null, 2)`: every
 * non-empty object one key a line, an array of plain values on one line when it fits the print
 * width and one value a line otherwise, an array holding objects or arrays always broken.
 * Ends with a newline.
 *
 * `JSON.stringify` already breaks everything that way; what is left is to join each array of
 * plain values that fits on one line. The snapshot of a large schema is hundreds of kilobytes,
 * and this is many times faster than laying the value out piece by piece.
 */
export function printJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return `${text.replace(PLAIN_ARRAY, (array: string, _indent: string, offset: number) => {
    const items = array.slice(1, -1).trim().split(ITEM_BREAK);
    const flat = `[${items.join(', ')}]`;
    const column = offset - (text.lastIndexOf('\n', offset) + 1);
    const after = text[offset + array.length] === ',' ? 1 : 0;
    return column + flat.length + after <= prettierOptions.printWidth ? flat : array;
  })}\n`;
}

/** A plain JSON value: a string (one line: JSON.stringify escapes line breaks) or a literal. */
const PLAIN = String.raw`(?:"(?:[^"\\\n]|\\.)*"|[-+.0-9A-Za-z]+)`;

/** An array of plain values broken as JSON.stringify breaks it; group 1 is its indentation. */
const PLAIN_ARRAY = new RegExp(String.raw`\[\n( +)${PLAIN}(?:,\n\1${PLAIN})*\n *\]`, 'g');

/** What separates the items of such an array. */
const ITEM_BREAK = /,\n */;
