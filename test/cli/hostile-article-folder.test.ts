/**
 * An article folder briefdeck cannot write its outline files into: one line
 * naming the path, exit 1, and nothing of the person's lost (issue 17: "an
 * unwritable article folder" ended in a stack trace). Root ignores file modes,
 * so the folder is made unwritable the way that holds for everyone: a file
 * where briefdeck's `.briefdeck/` folder goes, or a folder where the outline goes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const ARTICLE = '# Budget\n\nThe council approved the budget after a long debate. Critics said the plan cuts too deep into schools.\n';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-article-folder-'));
  writeFileSync(join(dir, 'budget.md'), ARTICLE);
  return dir;
}

describe('an article folder that cannot take the outline files', () => {
  it('should say in one line that .briefdeck/ cannot be used, and write no outline without its record', () => {
    const dir = workspace();
    writeFileSync(join(dir, '.briefdeck'), 'a file in the way of the folder');
    const result = runCli(['budget.md', '--out', 'out'], dir);
    expect(result.stderr).toMatch(/^error: \.briefdeck\/\S+: cannot (read|write) \((ENOTDIR|EEXIST)[^\n]*\)\n$/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.status).toBe(1);
    // The base is written before the outline: without it, no outline (it could never merge) and no deck.
    expect(existsSync(join(dir, 'budget.outline.md'))).toBe(false);
    expect(readFileSync(join(dir, '.briefdeck'), 'utf8')).toBe('a file in the way of the folder');
  });

  it('should say in one line that the outline cannot be written where a folder is in the way', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'budget.outline.md'));
    const result = runCli(['budget.md', '--out', 'out'], dir);
    expect(result.stderr).toMatch(/^error: budget\.outline\.md: /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.status).toBe(1);
  });
});
