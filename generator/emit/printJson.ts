import { group, hardline, indent, join, line, printDoc, softline, type Doc } from './printDoc.js';

/**
 * JSON as prettier prints a `.json` file written by `JSON.stringify(value, null, 2)`: every
 * non-empty object one key a line, an array of plain values on one line when it fits the print
 * width and one value a line otherwise, an array holding objects or arrays always broken.
 * Ends with a newline.
 */
export function printJson(value: unknown): string {
  return `${printDoc(jsonDoc(value))}\n`;
}

function jsonDoc(value: unknown): Doc {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map(jsonDoc);
    if (value.some((item) => typeof item === 'object' && item !== null)) {
      return ['[', indent([hardline, join([',', hardline], items)]), hardline, ']'];
    }
    return group(['[', indent([softline, join([',', line], items)]), softline, ']']);
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const members = entries.map(([key, item]): Doc => [JSON.stringify(key), ': ', jsonDoc(item)]);
    return ['{', indent([hardline, join([',', hardline], members)]), hardline, '}'];
  }
  return JSON.stringify(value) ?? 'null';
}
