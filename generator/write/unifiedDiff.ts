import type { WritePlan } from './writeFiles.js';

/**
 * The unified diff of everything a plan would change, file by file in path order, as `git diff`
 * prints it (`a/` and `b/` prefixes, `/dev/null` for created and deleted files). Empty when the
 * plan changes nothing. The `diff` package is imported on first use.
 */
export async function unifiedDiff(plan: WritePlan): Promise<string> {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import('diff');
  const patch = (from: string, to: string, before: string, after: string) =>
    createTwoFilesPatch(from, to, before, after, undefined, undefined, {
      context: 3,
      headerOptions: FILE_HEADERS_ONLY,
    });

  const patches: { path: string; text: string }[] = [];
  for (const file of plan.files) {
    if (file.before === file.after) continue;
    const from = file.before === undefined ? '/dev/null' : `a/${file.path}`;
    patches.push({
      path: file.path,
      text: patch(from, `b/${file.path}`, file.before ?? '', file.after),
    });
  }
  for (const file of plan.deletes) {
    patches.push({ path: file.path, text: patch(`a/${file.path}`, '/dev/null', file.before, '') });
  }
  return patches
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((item) => item.text)
    .join('');
}
