import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostics, Position } from '../report/diagnostic.js';

/** A YAML file turned into plain values, with the position of every value by its key path. */
export interface YamlContent {
  value: unknown;
  /** Position of the value at a key path; the nearest ancestor's when the path has none. */
  locate(path: readonly (string | number)[]): Position;
  /** Position of the key that ends a path; the value's position when there is no key. */
  locateKey(path: readonly (string | number)[]): Position;
}

/**
 * Parses YAML text, reporting syntax errors located in `file`. Returns undefined when the text
 * does not parse, so that "could not tell" is never mistaken for an empty file.
 */
export function readYaml(
  text: string,
  file: string,
  diagnostics: Diagnostics,
): YamlContent | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const at = lineCounter.linePos(error.pos[0]);
      const reason = error.message.split('\n')[0] ?? error.message;
      diagnostics.error(
        'YAML_SYNTAX',
        file,
        { line: at.line, column: at.col },
        `${reason}. Fix the YAML syntax.`,
      );
    }
    return undefined;
  }

  // Offsets, turned into lines and columns only for the few positions a diagnostic asks for.
  const positions = new Map<string, number>();
  const keyPositions = new Map<string, number>();
  const positionOf = (node: Node): number => node.range?.[0] ?? 0;
  const toPosition = (offset: number): Position => {
    const at = lineCounter.linePos(offset);
    return { line: at.line, column: at.col };
  };

  const convert = (node: unknown, path: (string | number)[], depth: number): unknown => {
    if (depth > 64) return undefined;
    if (isAlias(node)) return convert(node.resolve(document), path, depth + 1);
    if (node === null || node === undefined) return null;
    positions.set(pathKey(path), positionOf(node as Node));
    if (isScalar(node)) return node.value;
    if (isSeq(node))
      return node.items.map((item, index) => convert(item, [...path, index], depth + 1));
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        if (isScalar(pair.key)) {
          const at = positionOf(pair.key);
          keyPositions.set(pathKey([...path, key]), at);
          positions.set(pathKey([...path, key]), at);
        }
        result[key] = convert(pair.value, [...path, key], depth + 1);
      }
      return result;
    }
    return null;
  };

  const value = document.contents ? convert(document.contents, [], 0) : null;
  return {
    value,
    locate(path) {
      for (let length = path.length; length >= 0; length--) {
        const found = positions.get(pathKey(path.slice(0, length)));
        if (found !== undefined) return toPosition(found);
      }
      return { line: 1, column: 1 };
    },
    locateKey(path) {
      const found = keyPositions.get(pathKey(path));
      return found === undefined ? this.locate(path) : toPosition(found);
    },
  };
}

function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}
