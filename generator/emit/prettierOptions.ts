/**
 * The prettier options of every file the generator writes; the repository uses the same. The
 * emitters lay out what they print for the same print width.
 */
export const prettierOptions = {
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
} as const;
