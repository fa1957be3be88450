import path from 'node:path';

import { prettierOptions } from '../emit/prettierOptions.js';

const parsers: Record<string, string> = {
  '.ts': 'typescript',
  '.js': 'babel',
  '.json': 'json',
  '.graphql': 'graphql',
};

/**
 * Formats a file with prettier by its extension; other files are returned as they are.
 * Prettier is imported on first use, so a run that formats nothing never loads it.
 */
export async function formatFile(filePath: string, content: string): Promise<string> {
  const extension = path.posix.extname(filePath);
  const parser =
    path.posix.basename(filePath) === 'package.json' ? 'json-stringify' : parsers[extension];
  if (!parser) return content;
  const prettier = await import('prettier');
  return prettier.format(content, { ...prettierOptions, parser, filepath: filePath });
}
