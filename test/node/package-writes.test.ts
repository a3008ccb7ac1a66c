/**
 * A build writes nothing into the package: not the tagger's model cache (made at install only),
 * not a generated source file, not a log. Every path a real CLI run writes is recorded by a
 * preloaded module (test/helpers/record-writes.cjs), which can also make the tagger's cache look
 * missing, as on a fresh clone where install could not make it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TAGGER_MODEL_CACHE } from '../../src/node/tagger-model.ts';
import { REPO_ROOT, seedWorkspace } from '../helpers/cli.ts';

const RECORDER = join(REPO_ROOT, 'test', 'helpers', 'record-writes.cjs');
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('a build that generates an outline', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['with the tagger model cache', false],
    ['with no tagger model cache', true],
  ])('writes nothing into the package folder, %s', (_, hideCache) => {
    const workspace = seedWorkspace('briefdeck-writes-');
    const logDir = mkdtempSync(join(tmpdir(), 'briefdeck-writes-log-'));
    dirs.push(workspace, logDir);
    const log = join(logDir, 'writes.txt');
    // In NODE_OPTIONS, so the process tsx runs the build in is recorded too.
    const result = spawnSync(process.execPath, [TSX, join(REPO_ROOT, 'build.ts'), 'content/isis-central-asia.txt'], {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--require ${RECORDER}`, BRIEFDECK_WRITES_LOG: log, ...(hideCache ? { BRIEFDECK_HIDE_TAGGER_CACHE: TAGGER_MODEL_CACHE } : {}) },
    });
    expect(result.stderr).not.toMatch(/error|warning/i);
    expect(result.status).toBe(0);
    const written = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // The recorder sees the build's own writes: the outline it generated and the deck.
    expect(existsSync(join(workspace, 'content', 'isis-central-asia.outline.md'))).toBe(true);
    expect(written.some((path) => path.startsWith(join(workspace, 'content')))).toBe(true);
    expect(written.some((path) => path.startsWith(join(workspace, 'dist')))).toBe(true);
    expect(written.filter((path) => path === REPO_ROOT || path.startsWith(REPO_ROOT + sep))).toEqual([]);
  }, 60_000);
});
