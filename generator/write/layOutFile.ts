import type { Layout } from '../emit/emitProject.js';
import { prettierOptions } from '../emit/prettierOptions.js';
import { formatFile } from './formatFile.js';

/**
 * The text of a file as it is written: formatted with prettier, or kept as emitted when its
 * layout says it already is what prettier prints. A `preformatted` file with a line longer than
 * the print width, or with characters whose printed width prettier measures its own way, is
 * formatted after all: the emitter lays out the common shapes, prettier the rest.
 */
export async function layOutFile(
  filePath: string,
  content: string,
  layout: Layout,
): Promise<string> {
  if (layout === 'as-printed') return content;
  if (layout === 'preformatted' && fitsPrintWidth(filePath, content)) return content;
  return formatFile(filePath, content);
}

/**
 * Whether every line is ASCII and at most the print width long. In JSON only the characters
 * count: prettier never breaks a string, and the emitter decides where arrays break.
 */
export function fitsPrintWidth(filePath: string, content: string): boolean {
  const width = filePath.endsWith('.json') ? Infinity : prettierOptions.printWidth;
  let lineStart = 0;
  for (let index = 0; index < content.length; index++) {
    const code = content.charCodeAt(index);
    if (code > 0x7e || (code < 0x20 && code !== 0x0a)) return false;
    if (code === 0x0a) {
      if (index - lineStart > width) return false;
      lineStart = index + 1;
    }
  }
  return content.length - lineStart <= width;
}
