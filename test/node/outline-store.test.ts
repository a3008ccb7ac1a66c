import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefdeckError } from '../../src/node/errors.ts';
import type { OutlineDecision } from '../../src/outline-file/merge.ts';
import { basePathFor, beforeMergePathFor, saveOutline } from '../../src/node/outline-store.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'briefdeck-store-'));
}

const merged: OutlineDecision = { status: 'merged', text: '## Merged\n', write: true, backup: false, base: '## Generated\n' };

describe('saveOutline', () => {
  it('should write the outline, keep the person\'s file before a merge, and record the base', async () => {
    const dir = folder();
    const path = join(dir, 'a.outline.md');
    writeFileSync(path, '## Mine\n');
    expect(await saveOutline(path, merged, '## Mine\n')).toEqual({});
    expect(readFileSync(path, 'utf8')).toBe('## Merged\n');
    expect(readFileSync(beforeMergePathFor(path), 'utf8')).toBe('## Mine\n');
    expect(readFileSync(basePathFor(path), 'utf8')).toBe('## Generated\n');
    expect(basePathFor(path)).toBe(join(dir, '.briefdeck', 'a.outline.md'));
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('should refuse to replace a file that changed since the build read it', async () => {
    const dir = folder();
    const path = join(dir, 'a.outline.md');
    writeFileSync(path, '## Saved during the build\n');
    await expect(saveOutline(path, merged, '## Mine\n')).rejects.toThrow(BriefdeckError);
    expect(readFileSync(path, 'utf8')).toBe('## Saved during the build\n');
  });

  it('should never replace an older backup', async () => {
    const dir = folder();
    const path = join(dir, 'a.outline.md');
    const regenerate = (text: string): OutlineDecision => ({ status: 'regenerated', text, write: true, backup: true, base: text });
    writeFileSync(path, '## First\n');
    expect(await saveOutline(path, regenerate('## Second\n'), '## First\n')).toEqual({ backupPath: `${path}.bak` });
    expect(await saveOutline(path, regenerate('## Third\n'), '## Second\n')).toEqual({ backupPath: `${path}.bak.1` });
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('## First\n');
    expect(readFileSync(`${path}.bak.1`, 'utf8')).toBe('## Second\n');
    expect(readFileSync(path, 'utf8')).toBe('## Third\n');
  });

  it('should write nothing but the base when the outline is kept', async () => {
    const dir = folder();
    const path = join(dir, 'a.outline.md');
    writeFileSync(path, '## Mine\n');
    await saveOutline(path, { status: 'kept', text: '## Mine\n', write: false, backup: false, base: '## Generated\n' }, '## Mine\n');
    expect(readdirSync(dir).sort()).toEqual(['.briefdeck', 'a.outline.md']);
    expect(readFileSync(basePathFor(path), 'utf8')).toBe('## Generated\n');
  });
});

describe('backups', () => {
  it('should keep the 3 newest backups of an outline regenerated again and again, and leave other files alone', async () => {
    const dir = folder();
    const path = join(dir, 'a.outline.md');
    const regenerate = (text: string): OutlineDecision => ({ status: 'regenerated', text, write: true, backup: true, base: text });
    writeFileSync(join(dir, 'a.outline.md.bak.old'), 'mine');
    writeFileSync(path, '## 0\n');
    const made: string[] = [];
    for (let round = 1; round <= 6; round += 1) made.push((await saveOutline(path, regenerate(`## ${round}\n`), `## ${round - 1}\n`)).backupPath!);
    expect(made.map((made) => made.slice(path.length))).toEqual(['.bak', '.bak.1', '.bak.2', '.bak.3', '.bak.4', '.bak.5']);
    expect(readdirSync(dir).sort()).toEqual(['.briefdeck', 'a.outline.md', 'a.outline.md.bak.3', 'a.outline.md.bak.4', 'a.outline.md.bak.5', 'a.outline.md.bak.old']);
    expect(readFileSync(`${path}.bak.5`, 'utf8')).toBe('## 5\n');
    expect(readFileSync(`${path}.bak.3`, 'utf8')).toBe('## 3\n');
  });
});
