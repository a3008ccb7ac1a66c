/** Failures that once ended in a stack trace (exit 70) or a hang: each is one line and exit 1 now. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefdeckError } from '../../src/node/errors.ts';
import { writeFileAtomic } from '../../src/node/write-atomic.ts';
import { runCli } from '../helpers/cli.ts';

const ARTICLE = '# Budget\n\nThe council approved the budget after a long debate. Critics said the plan cuts too deep into schools.\n';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-hostile-'));
  writeFileSync(join(dir, 'budget.md'), ARTICLE);
  return dir;
}

/** One `error:` line, exit 1, no stack trace. */
function expectOneLine(result: { status: number | null; stdout: string; stderr: string }, line: RegExp) {
  expect(result.stderr).toMatch(line);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(result.status).toBe(1);
}

describe('one line, never a stack trace', () => {
  it('should refuse a YAML alias bomb in the front matter with its place', () => {
    const dir = workspace();
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [index, name] of ['b', 'c', 'd', 'e'].entries()) levels.push(`${name}: &${name} [${Array(9).fill(`*${'abcd'[index]}`).join(',')}]`);
    writeFileSync(join(dir, 'bomb.md'), `---\n${levels.join('\n')}\ntitle: Bomb\n---\n\n${ARTICLE}`);
    expectOneLine(runCli(['bomb.md', '--out', 'out'], dir), /^error: bomb\.md:1:1: Cannot read the article's front matter: Excessive alias count .*; expected plain `key: value` lines\n$/);
  }, 60_000);

  it('should refuse --out under /sys, /proc and /dev without hanging', () => {
    const dir = workspace();
    for (const out of ['/sys/briefdeck-out', '/proc/self', '/proc/self/fd/x']) {
      expectOneLine(runCli(['budget.md', '--out', out], dir), new RegExp(`^error: --out ${out}: is under /(sys|proc), a system folder; expected a folder on disk for the decks\\n$`));
    }
    const devNull = runCli(['budget.md', '--out', '/dev/null'], dir);
    expect(devNull.stderr).toMatch(/^error: --out \/dev\/null: /);
    expect(devNull.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(devNull.status).not.toBe(70);
  }, 60_000);

  it('should report a folder that cannot be written as one line naming it', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'in-the-way'), 'a file where a folder should be');
    const error = await writeFileAtomic(join(dir, 'in-the-way', 'deck', 'index.html'), 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect((error as Error).message).toBe(`${join(dir, 'in-the-way', 'deck', 'index.html')}: cannot write (ENOTDIR: a file is in the way of a folder)`);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'budget'), 'a file where the deck folder should be');
    expectOneLine(runCli(['budget.md', '--out', 'out'], dir), /^error: out\/budget\/.*: cannot write \((ENOTDIR|EEXIST): a file is in the way of a folder\)\n$/);
  }, 60_000);
});

describe('file names with control characters', () => {
  it('should print them as \\uXXXX on stdout, never raw', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'evil\u001b[31m\nname.md'), ARTICLE);
    const result = runCli(['evil\u001b[31m\nname.md', '--out', 'out'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(result.stdout).toContain('evil\\u001b[31m\\u000aname.md -> ');
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
